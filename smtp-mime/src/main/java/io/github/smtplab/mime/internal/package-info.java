/**
 * Internals of smtp-mime: character classes and charset lookup shared by the API classes. Not exported
 * by the module; not an API.
 */
package io.github.smtplab.mime.internal;
