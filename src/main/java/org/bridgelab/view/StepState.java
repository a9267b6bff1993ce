package org.bridgelab.view;

/** Where a step stands for the learner. */
public enum StepState { NOT_RUN, RUNNING, PASSED, FAILED }
