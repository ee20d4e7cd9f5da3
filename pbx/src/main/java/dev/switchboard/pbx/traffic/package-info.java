/**
 * Generated call traffic for the emulator and the demo: Poisson arrivals, caller patience,
 * lognormal talk times and some outbound calls, repeatable for a seed.
 */
package dev.switchboard.pbx.traffic;
