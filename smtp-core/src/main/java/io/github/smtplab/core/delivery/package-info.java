/**
 * Where accepted mail goes: the storage half of smtp-core, behind the engine's
 * {@link io.github.smtplab.core.ServerHooks}.
 *
 * <p>{@link io.github.smtplab.core.delivery.RoleHooks} decides, for an MX or a submission server
 * ({@link io.github.smtplab.core.delivery.Role}), which recipients are accepted
 * ({@link io.github.smtplab.core.delivery.LocalRecipients}) and where their message goes: a
 * {@link io.github.smtplab.core.delivery.MaildirDelivery} (one file per message, fsync'ed before the 250
 * of RFC 5321 section 4.1.1.4) or an {@link io.github.smtplab.core.delivery.InMemoryDelivery} for tests.
 * Both prepend the trace fields of RFC 5321 section 4.4 ({@link io.github.smtplab.core.delivery.TraceFields}).
 * Nothing here touches a socket: a delivery sees the bytes the engine has already unstuffed.
 */
package io.github.smtplab.core.delivery;
