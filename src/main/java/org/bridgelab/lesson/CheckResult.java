package org.bridgelab.lesson;

/** One checked expectation: what was expected, whether the kernel's result showed it, and that result. */
public record CheckResult(String expected, boolean passed, String evidence) {
}
