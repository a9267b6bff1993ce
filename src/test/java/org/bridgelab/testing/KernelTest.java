package org.bridgelab.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs the real kernel and the lab's tools. On a laptop without them it is skipped; in CI
 * ({@code CI=true}) a missing requirement fails the test instead, so nothing passes by being skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KernelRequirement.class)
public @interface KernelTest {
    /** True when the test needs to be root (to start sshd, to switch users). */
    boolean root() default false;
}
