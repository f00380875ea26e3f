package io.github.smtplab.lab.learn;

import io.github.smtplab.conformance.Outcome;
import io.github.smtplab.conformance.ProbeFile;
import io.github.smtplab.conformance.ProbeRunner;
import io.github.smtplab.conformance.Profile;
import io.github.smtplab.conformance.Summary;
import io.github.smtplab.conformance.Target;
import io.github.smtplab.conformance.Verdict;
import io.github.smtplab.core.Reply;
import io.github.smtplab.core.TranscriptListener;
import io.github.smtplab.core.net.SmtpClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@code learn try 25}: the learner's {@code CapstoneServer} on loopback with a Maildir of its own; smtplab's
 * client sends it the demo's message, then the conformance suite's {@code core} profile checks it. Every wait
 * is bounded, and the listener is closed at the end whatever happened.
 */
final class TryCapstone implements TryCommand.Scenario {

    private static final String HOSTNAME = "mx.exemple.com";
    /** The longest the whole core profile may take (a server stuck on one probe makes the next ones wait). */
    private static final long SUITE_SECONDS = 60;

    @Override
    public boolean run(LearnerCode code, PrintWriter out, Say say) throws Exception {
        Path maildir = Files.createTempDirectory("smtplab-capstone-");
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FutureTask<Object> server = code.start("CapstoneServer", "serve", new Class<?>[] {ServerSocket.class, String.class, Path.class},
                listener, HOSTNAME, maildir);
        try {
            stillServing(server, 1);   // the stub throws at once: say so rather than wait for a greeting
            InetSocketAddress address = new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
            out.println(say.t("Your CapstoneServer listens on ", "Votre CapstoneServer écoute sur ") + "127.0.0.1:" + address.getPort()
                    + say.t(", Maildir ", ", Maildir ") + maildir + say.t(" (removed at the end); smtplab's client sends it the demo's message.",
                            " (effacé à la fin) ; le client de smtplab lui envoie le message de la démo."));
            byte[] message = TryDkimVerify.demoMessage();
            if (!sendDemo(address, message, out, say)) {
                out.println(say.t("The conformance suite needs a server that takes a message: it was not run.",
                        "La suite de conformité a besoin d'un serveur qui accepte un message : elle n'a pas été lancée."));
                return false;
            }
            boolean intact = landedIntact(maildir, message, out, say);
            return conformance(address, maildir, out, say) && intact;
        } finally {
            listener.close();
            stop(server, out, say);
            removeQuietly(maildir);
        }
    }

    /** The temporary Maildir goes when the run ends (what landed was printed). */
    private static void removeQuietly(Path maildir) {
        try (Stream<Path> files = Files.walk(maildir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a file the learner's server still writes: the system's temporary folder keeps it
        }
    }

    /** smtplab's SmtpClient, its dialogue printed as it goes; true when the server took the message. */
    private static boolean sendDemo(InetSocketAddress address, byte[] message, PrintWriter out, Say say) {
        SmtpClient.Options options = SmtpClient.Options.defaults("smtp.monentreprise.fr")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10)).withTranscript(new Printed(out, say));
        try (SmtpClient client = SmtpClient.connect(address, options)) {
            boolean accepted = client.send(TryDkimVerify.ALICE, List.of(TryDkimVerify.BOB), message).allAccepted();
            client.quit();
            return accepted;
        } catch (Exception e) {
            out.println(say.t("✗ the dialogue stopped: ", "✗ le dialogue s'est arrêté : ") + e.getMessage());
            return false;
        }
    }

    /** RFC 5321 section 4.5.2 and the Maildir rule: one file in new/, the message's octets as sent (trace fields may come first). */
    private static boolean landedIntact(Path maildir, byte[] message, PrintWriter out, Say say) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(maildir.resolve("new"))) {
            files = listed.toList();
        }
        out.println();
        out.println(say.t("new/ holds ", "new/ contient ") + files.size() + say.t(" file(s)", " fichier(s)")
                + (files.isEmpty() ? "" : ": " + files.get(0).getFileName()));
        if (files.size() != 1) {
            out.println(say.t("✗ the accepted message is not in new/ (write it in tmp/, then move it into new/)",
                    "✗ le message accepté n'est pas dans new/ (écrivez-le dans tmp/, puis déplacez-le dans new/)"));
            return false;
        }
        byte[] stored = Files.readAllBytes(files.get(0));
        out.print(new String(stored, StandardCharsets.UTF_8).replace("\r\n", "\n"));
        boolean intact = stored.length >= message.length
                && Arrays.equals(stored, stored.length - message.length, stored.length, message, 0, message.length);
        out.println(intact ? say.t("✓ the message landed as Alice's client sent it.", "✓ le message est arrivé tel que le client d'Alice l'a envoyé.")
                : say.t("✗ the stored message differs from the one sent (the periods? the line ends? the last line?).",
                        "✗ le message stocké diffère de celui envoyé (les points ? les fins de ligne ? la dernière ligne ?)."));
        return intact;
    }

    /** The core profile in-process, within {@link #SUITE_SECONDS}; true when no MUST failed. */
    private static boolean conformance(InetSocketAddress address, Path maildir, PrintWriter out, Say say) throws Exception {
        out.println();
        out.println(say.t("The conformance suite, core profile (./smtplab conformance --profile core):",
                "La suite de conformité, profil core (./smtplab conformance --profile core) :"));
        Target target = Target.of("127.0.0.1", address.getPort(), "exemple.com", "bob@exemple.com", Profile.of("core"))
                .withRun(false, Set.of(), Duration.ofSeconds(3)).withMaildir(maildir);
        FutureTask<List<Outcome>> suite = new FutureTask<>(() -> new ProbeRunner(target).run(ProbeFile.builtIn(), outcome -> { }));
        Thread thread = new Thread(suite, "conformance-core");
        thread.setDaemon(true);
        long started = System.nanoTime();
        thread.start();
        List<Outcome> outcomes;
        try {
            outcomes = suite.get(SUITE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            out.println(say.t("✗ the suite did not finish within " + SUITE_SECONDS + " s: your server stopped answering (does it serve the next connection?)",
                    "✗ la suite n'a pas fini en " + SUITE_SECONDS + " s : votre serveur ne répond plus (sert-il la connexion suivante ?)"));
            return false;
        } catch (ExecutionException e) {
            out.println(say.t("✗ the suite could not run: ", "✗ la suite n'a pas pu tourner : ") + e.getCause().getMessage());
            return false;
        }
        for (Outcome failed : outcomes.stream().filter(o -> o.verdict() == Verdict.FAIL).toList()) {
            out.println("  ✗ MUST " + failed.probe().id() + " (" + failed.probe().reference() + "): " + failed.detail());
        }
        for (Outcome warned : outcomes.stream().filter(o -> o.verdict() == Verdict.WARN).toList()) {
            out.println("  ! SHOULD " + warned.probe().id() + " (" + warned.probe().reference() + "): " + warned.detail());
        }
        Summary summary = Summary.of(outcomes);
        out.printf("core: %s (%d s)%n", summary.line(), (System.nanoTime() - started) / 1_000_000_000L);
        return summary.conforms();
    }

    /** True while serve() runs; its exception (the stub's, or the learner's) comes back as it is. */
    private static boolean stillServing(FutureTask<Object> server, long seconds) throws Exception {
        try {
            LearnerCode.outcome(server, seconds);
            return false;
        } catch (TimeoutException running) {
            return true;
        }
    }

    /** The listener is closed: serve() must return (the exercise's contract); waited for 5 s at most. */
    private static void stop(FutureTask<Object> server, PrintWriter out, Say say) {
        try {
            if (stillServing(server, 5)) {
                out.println(say.t("(your serve() did not return within 5 s of the listener's close: it should, see its javadoc)",
                        "(votre serve() n'est pas revenu 5 s après la fermeture du listener : il le devrait, voir sa javadoc)"));
            }
        } catch (UnsupportedOperationException stub) {
            // the stub: TryCommand says so
        } catch (Exception e) {
            out.println(say.t("(your serve() ended with ", "(votre serve() s'est terminé par ") + e + ")");
        }
    }

    /** The client's dialogue as C:/S: lines, the server's replies marked as the learner's. */
    private record Printed(PrintWriter out, Say say) implements TranscriptListener {

        @Override
        public void clientLine(String line) {
            out.printf("C: %s%n", line);
        }

        @Override
        public void serverReply(Reply reply) {
            String format = reply.format();
            String[] lines = format.split("\r\n");
            for (int i = 0; i < lines.length; i++) {
                out.printf("S: %-50s %s%n", lines[i], i == 0 ? say.t("<- your server", "<- votre serveur") : "");
            }
        }

        @Override
        public void messageContent(long octets) {
            out.println(say.t("C: (the message, " + octets + " octets, dot-stuffed by smtplab's client, then CRLF.CRLF)",
                    "C: (le message, " + octets + " octets, « dot-stuffé » par le client de smtplab, puis CRLF.CRLF)"));
        }
    }
}
