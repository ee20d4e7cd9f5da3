/**
 * {@code switchboard decode}: shows how Switchboard reads a webhook URL or JSON body, for the
 * developer whose webhook looks wrong. Reads only its arguments or standard input; no network.
 */
package dev.switchboard.app.decode;
