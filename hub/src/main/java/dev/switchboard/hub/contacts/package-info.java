/**
 * Contacts: who the call center talks to, with phones (matched to callers by E.164, else by the
 * last nine digits) and a link to the record in the customer's own CRM; imported from CSV.
 */
package dev.switchboard.hub.contacts;
