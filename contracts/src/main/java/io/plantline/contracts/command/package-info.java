/** Commands to devices through their edge gateway (setpoint writes) and their results. */
package io.plantline.contracts.command;
