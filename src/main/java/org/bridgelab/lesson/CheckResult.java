package org.bridgelab.lesson;

import org.bridgelab.kernel.Phrase;

/** One checked expectation: what was expected, whether the kernel's result showed it, and that result. */
public record CheckResult(Phrase expected, boolean passed, String evidence) {}
