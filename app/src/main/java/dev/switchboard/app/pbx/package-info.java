/** {@code switchboard pbx}: runs the PBX emulator. */
package dev.switchboard.app.pbx;
