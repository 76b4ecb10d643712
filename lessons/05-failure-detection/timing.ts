/**
 * The numbers of the failure-detector contract, shared by the scenarios, the checkers and the
 * rules. They fit a heartbeat every 100 ms and a suspicion after 500 ms of silence, and leave
 * room for other choices.
 */

/** Every live node suspects a crashed node within this long of the crash, for good. */
export const DETECTION_BOUND_MS = 1000;

/** How slow a live node may look — a pause, or messages delayed this much more — without being suspected. */
export const SLOWNESS_MS = 200;

/** Once the last fault is this far behind, no node suspects a node that is up. */
export const SETTLE_MS = 1000;

/**
 * A suspicion begun within this long of a moment when the suspect was down or could not reach
 * the suspecting node is the fault's doing, not a false one.
 */
export const EXCUSED_AFTER_UNREACHABLE_MS = 1000;

/** Messages a node may send per second, per node it watches. */
export const MESSAGES_PER_SECOND_PER_PEER = 20;
