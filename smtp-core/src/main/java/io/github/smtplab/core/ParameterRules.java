package io.github.smtplab.core;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The MAIL and RCPT parameters (RFC 5321 §4.1.2 {@code Mail-parameters}, {@code Rcpt-parameters}) this
 * server knows, as a table: one row per keyword, naming the extension that defines it and the rule for its
 * value. A parameter is accepted only after EHLO and when its extension is offered; any other keyword is
 * {@code 555} (§4.1.1.11), unless an extension module ({@link ServerExtension#mailParameters()}) owns it.
 *
 * <pre>
 *   MAIL  SIZE=n          SIZE      RFC 1870 §3   a number; over the fixed maximum: 552 5.3.4 (§6)
 *   MAIL  BODY=           8BITMIME  RFC 6152 §2   7BIT or 8BITMIME; BINARYMIME is not offered (RFC 3030 §3)
 *   MAIL  SMTPUTF8        SMTPUTF8  RFC 6531 §3.4 no value
 *   MAIL  RET=            DSN       RFC 3461 §4.3 FULL or HDRS
 *   MAIL  ENVID=          DSN       RFC 3461 §4.4 xtext of at most 100 characters
 *   RCPT  NOTIFY=         DSN       RFC 3461 §4.1 NEVER, or a list of SUCCESS, FAILURE, DELAY
 *   RCPT  ORCPT=          DSN       RFC 3461 §4.2 addr-type ";" xtext
 * </pre>
 */
final class ParameterRules {

    private ParameterRules() {}

    /** RFC 3461 §4.4: an ENVID is at most 100 characters. */
    static final int MAX_ENVID = 100;

    /**
     * One row: the extension that defines the keyword, and the check of the parameters' value (empty
     * when it is valid).
     */
    private record Rule(SmtpExtension extension, BiFunction<EsmtpParameters, ServerConfig, Optional<Reply>> check) {}

    private static final Map<String, Rule> MAIL = Map.of(
            "SIZE", new Rule(SmtpExtension.SIZE, (p, config) -> checkSize(p, config)),
            "BODY", new Rule(SmtpExtension.EIGHT_BIT_MIME, (p, config) -> checkBody(p.body().orElse(""))),
            "SMTPUTF8", new Rule(SmtpExtension.SMTPUTF8, (p, config) -> p.value("SMTPUTF8").isPresent()
                    ? invalid("SMTPUTF8 takes no value (RFC 6531 section 3.4)") : Optional.empty()),
            "RET", new Rule(SmtpExtension.DSN, (p, config) -> p.ret().filter(r -> r.equals("FULL") || r.equals("HDRS")).isPresent()
                    ? Optional.empty() : invalid("RET is FULL or HDRS (RFC 3461 section 4.3)")),
            "ENVID", new Rule(SmtpExtension.DSN, (p, config) -> p.envid().filter(e -> e.length() <= MAX_ENVID).isPresent()
                    ? Optional.empty() : invalid("ENVID is xtext of at most 100 characters (RFC 3461 section 4.4)")));

    private static final Map<String, Rule> RCPT = Map.of(
            "NOTIFY", new Rule(SmtpExtension.DSN, (p, config) -> validNotify(p.notifyConditions().orElse(""))
                    ? Optional.empty() : invalid("NOTIFY is NEVER or a list of SUCCESS, FAILURE, DELAY (RFC 3461 section 4.1)")),
            "ORCPT", new Rule(SmtpExtension.DSN, (p, config) -> p.orcpt().isPresent()
                    ? Optional.empty() : invalid("ORCPT is addr-type \";\" xtext (RFC 3461 section 4.2)")));

    /** The first problem with MAIL's parameters, in the order the client wrote them; empty when all are fine. */
    static Optional<Reply> checkMail(EsmtpParameters parameters, ServerConfig config, boolean extended) {
        Set<String> fromExtensions = new HashSet<>();
        config.serverExtensions().forEach(e -> fromExtensions.addAll(e.mailParameters()));
        return check(MAIL, parameters, config, extended, keyword -> extended && fromExtensions.contains(keyword));
    }

    /** The first problem with RCPT's parameters; empty when all are fine. */
    static Optional<Reply> checkRcpt(EsmtpParameters parameters, ServerConfig config, boolean extended) {
        return check(RCPT, parameters, config, extended, keyword -> false);
    }

    private static Optional<Reply> check(Map<String, Rule> table, EsmtpParameters parameters, ServerConfig config,
                                         boolean extended, java.util.function.Predicate<String> ownedElsewhere) {
        for (String keyword : parameters.values().keySet()) {
            Rule rule = table.get(keyword);
            Optional<Reply> problem;
            if (rule == null) {
                problem = ownedElsewhere.test(keyword) ? Optional.empty() : Optional.of(notRecognized(keyword));
            } else if (!extended || !config.offers(rule.extension())) {
                problem = Optional.of(notRecognized(rule.extension().keyword()));
            } else {
                problem = rule.check().apply(parameters, config);
            }
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Reply> checkSize(EsmtpParameters parameters, ServerConfig config) {
        if (parameters.size().isEmpty()) {
            return invalid("SIZE is a number of octets (RFC 1870 section 3)");
        }
        if (config.maxMessageSize() > 0 && parameters.size().getAsLong() > config.maxMessageSize()) {
            return Optional.of(Replies.MESSAGE_TOO_BIG);
        }
        return Optional.empty();
    }

    private static Optional<Reply> checkBody(String body) {
        return switch (body) {
            case "7BIT", "8BITMIME" -> Optional.empty();
            case "BINARYMIME" -> Optional.of(Replies.PARAMETER_NOT_RECOGNIZED.withText("BODY=BINARYMIME is not offered (RFC 3030 section 3)"));
            default -> invalid("BODY is 7BIT or 8BITMIME (RFC 6152 section 2)");
        };
    }

    private static boolean validNotify(String notify) {
        if (notify.equals("NEVER")) {
            return true;
        }
        List<String> items = List.of(notify.split(",", -1));
        return !notify.isEmpty() && items.stream().allMatch(i -> i.equals("SUCCESS") || i.equals("FAILURE") || i.equals("DELAY"))
                && items.stream().distinct().count() == items.size();
    }

    private static Optional<Reply> invalid(String why) {
        return Optional.of(Replies.SYNTAX_ERROR_IN_PARAMETERS.withText(why));
    }

    private static Reply notRecognized(String keyword) {
        return Replies.PARAMETER_NOT_RECOGNIZED.withText("Parameter " + keyword + " not recognized or not offered (RFC 5321 section 4.1.1.11)");
    }
}
