package dev.plenum.cli;

import dev.plenum.control.ControlConfig;
import dev.plenum.control.webhook.WebhookDispatcher;
import dev.plenum.control.IceServer;
import dev.plenum.control.tls.TlsConfigException;
import dev.plenum.control.tls.TlsIdentity;
import dev.plenum.control.tls.TlsPolicy;
import dev.plenum.loadtest.LoadTestCommand;
import dev.plenum.control.mail.MailConfig;
import dev.plenum.control.org.AccountsConfig;
import dev.plenum.control.files.FilesConfig;
import dev.plenum.control.registration.RegistrationConfig;
import dev.plenum.control.store.StoreConfig;
import dev.plenum.media.lastn.LastN;
import dev.plenum.media.transport.MediaTransportConfig;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code plenum} command. */
@Command(name = "plenum", mixinStandardHelpOptions = true, version = "Plenum 0.1.0",
        description = "Self-hosted meetings, webinars and classes.", subcommands = {Plenum.Run.class, LoadTestCommand.class})
public final class Plenum {
    private static final Logger log = LoggerFactory.getLogger(Plenum.class);

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command with its error handling: a bad option is one line naming it and a pointer to --help. */
    static CommandLine commandLine() {
        return new CommandLine(new Plenum()).setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getColorScheme().errorText(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Run every role in one process on embedded defaults and print the address to open.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--host", paramLabel = "<addr>", description = "HTTP bind address (default: ${DEFAULT-VALUE})",
                defaultValue = "127.0.0.1")
        String host;

        @Option(names = "--port", paramLabel = "<port>", description = "HTTP port (default: ${DEFAULT-VALUE})", defaultValue = "8080")
        int port;

        @Option(names = "--media-bind", paramLabel = "<addr>",
                description = "address the UDP and ICE-TCP media sockets bind (default: ${DEFAULT-VALUE}, every interface)",
                defaultValue = "0.0.0.0")
        String mediaBind;

        @Option(names = "--media-port", paramLabel = "<port>", description = "UDP and ICE-TCP media port (default: ${DEFAULT-VALUE})",
                defaultValue = "10000")
        int mediaPort;

        @Option(names = "--advertise", paramLabel = "<addr>", split = ",",
                description = "address(es) browsers reach this server at, put into ICE candidates and the printed "
                        + "address (default: --media-bind if specific, else --host if specific, else 127.0.0.1); "
                        + "a non-loopback one turns HTTPS on")
        List<String> advertise = new ArrayList<>();

        @Option(names = "--tls-cert", paramLabel = "<file>", description = "PEM certificate chain to serve HTTPS/WSS with, leaf first")
        Path tlsCert;

        @Option(names = "--tls-key", paramLabel = "<file>", description = "PEM private key of --tls-cert (PKCS#8, EC or RSA, unencrypted)")
        Path tlsKey;

        @Option(names = "--ice-server", paramLabel = "<url>",
                description = "STUN or TURN server handed to browsers, repeatable, e.g. turn:turn.example.org:3478?transport=udp")
        List<String> iceServers = new ArrayList<>();

        @Option(names = "--ice-username", paramLabel = "<name>", description = "username for the --ice-server TURN servers")
        String iceUsername;

        @Option(names = "--ice-credential", paramLabel = "<secret>", description = "credential for the --ice-server TURN servers")
        String iceCredential;

        @Option(names = "--data-dir", description = "directory of the embedded H2 database (default: ${DEFAULT-VALUE}); "
                + "unused with --db-url", defaultValue = "plenum-data")
        java.nio.file.Path dataDir;

        @Option(names = "--db-url", description = "JDBC URL of the database, e.g. jdbc:postgresql://db:5432/plenum "
                + "(default: the H2 file database in --data-dir)")
        String dbUrl;

        @Option(names = "--db-user", description = "database user", defaultValue = "")
        String dbUser;

        @Option(names = "--db-password", description = "database password (default: environment variable PLENUM_DB_PASSWORD)",
                defaultValue = "${env:PLENUM_DB_PASSWORD}")
        String dbPassword;

        @Option(names = "--max-participants", paramLabel = "<n>",
                description = "participants one room takes, hosts included (default: ${DEFAULT-VALUE})", defaultValue = "50")
        int maxParticipants;

        @Option(names = "--last-n", paramLabel = "<n>", defaultValue = "all",
                description = "cameras each participant receives at most: the n most relevant to it (pinned or "
                        + "enlarged, then the latest speakers, then the first to join); audio and a shared screen always "
                        + "reach everyone (default: ${DEFAULT-VALUE})")
        String lastN;

        @Option(names = "--webhooks-to-private-networks",
                description = "deliver webhooks to loopback and private-network addresses too (default: only public ones)")
        boolean webhooksToPrivateNetworks;

        @Option(names = "--open-sign-up", description = "let anyone create an organisation (default: only the first one)")
        boolean openSignUp;

        @Option(names = "--max-upload-mb", description = "largest file a presenter may upload, in MiB (default: ${DEFAULT-VALUE})",
                defaultValue = "50")
        int maxUploadMb;
        @Option(names = "--smtp-host", paramLabel = "<host>", description = "SMTP server for registration mails and reminders "
                + "(default: none; mails then wait in the outbox)")
        String smtpHost;

        @Option(names = "--smtp-port", paramLabel = "<port>", description = "SMTP port (default: ${DEFAULT-VALUE})", defaultValue = "587")
        int smtpPort;

        @Option(names = "--smtp-user", paramLabel = "<name>", description = "SMTP user (default: no authentication)")
        String smtpUser;

        @Option(names = "--smtp-password", paramLabel = "<secret>",
                description = "SMTP password (default: environment variable PLENUM_SMTP_PASSWORD)", defaultValue = "${env:PLENUM_SMTP_PASSWORD}")
        String smtpPassword;

        @Option(names = "--smtp-from", paramLabel = "<address>", description = "sender address, e.g. \"Plenum <events@example.org>\"")
        String smtpFrom;

        @Option(names = "--smtp-security", paramLabel = "<mode>", defaultValue = "starttls",
                description = "starttls (required STARTTLS, default), tls (TLS from the first byte, port 465) or none")
        String smtpSecurity;

        @Option(names = "--public-url", paramLabel = "<url>",
                description = "address links in mails point at, e.g. https://meet.example.org (default: the printed address)")
        String publicUrl;

        @Option(names = "--link-key-file", paramLabel = "<file>",
                description = "key of the personal links in registration mails, made when missing; nodes sharing a "
                        + "database need the same file (default: link.key in --data-dir)")
        java.nio.file.Path linkKeyFile;

        @Option(names = "--reminders", paramLabel = "<offsets>", defaultValue = "24h,1h",
                description = "when reminders go out before a registered event starts (default: ${DEFAULT-VALUE})")
        String reminders;

        /** What {@link #call} starts, once every option has been checked. */
        record Setup(ControlConfig control, MediaTransportConfig media, String publicHost, MailConfig mail,
                     RegistrationConfig registration, int lastN) {}

        @Override
        public Integer call() {
            Setup setup = setup(Instant.now());
            PlenumNode node;
            try {
                StoreConfig store = dbUrl == null ? StoreConfig.h2File(dataDir) : StoreConfig.of(dbUrl, dbUser, dbPassword);
                WebhookDispatcher.Settings d = WebhookDispatcher.Settings.defaults();
                node = new PlenumNode(setup.control(), setup.media(), setup.publicHost(), NodeSettings.defaults(store)
                        .withAccounts(AccountsConfig.defaults().withOpenSignUp(openSignUp))
                        .withFiles(FilesConfig.defaults().withMaxUploadBytes(uploadLimit()))
                        .withWebhooks(new WebhookDispatcher.Settings(d.pollEvery(), d.firstRetry(), d.maxAttempts(),
                                webhooksToPrivateNetworks))
                        .withMail(setup.mail(), setup.registration(), publicUrl)
                        .withLinkKeyFile(linkKeyFile != null ? linkKeyFile : dataDir.resolve("link.key")));
                node.media().lastN(setup.lastN());
            } catch (IOException | JavalinBindException e) {
                spec.commandLine().getErr().println("plenum run: " + e.getMessage()
                        + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> { node.close(); stopped.countDown(); }));
            System.out.println();
            System.out.println("Plenum is running. Open " + node.url() + "/<room-name>, e.g. " + node.url() + "/welcome");
            System.out.println();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }

        /** Checks the options and builds the configuration; a problem is a {@link ParameterException} naming the option. */
        Setup setup(Instant now) {
            requirePort("--port", port);
            requirePort("--media-port", mediaPort);
            uploadLimit();
            InetAddress mediaBindAddress = literal("--media-bind", mediaBind);
            if (host.isBlank()) throw error("--host must not be empty");
            List<String> names = new ArrayList<>();
            List<InetAddress> addresses = new ArrayList<>();
            for (String a : advertise) {
                String name = a.strip();
                if (name.isEmpty()) throw error("--advertise: empty address in \"" + String.join(",", advertise) + "\"");
                addresses.add(resolve(name));
                names.add(name);
            }
            if (names.isEmpty()) {
                String fallback = isSpecific(mediaBindAddress) ? mediaBindAddress.getHostAddress()
                        : isSpecific(host) ? host : "127.0.0.1";
                names.add(fallback);
                addresses.add(resolve(fallback));
            }
            if (addresses.stream().anyMatch(InetAddress::isAnyLocalAddress))
                throw error("--advertise: 0.0.0.0 and :: are not addresses a browser can reach; name the server's own address");
            List<IceServer> ice = iceServers();
            Optional<TlsIdentity> tls;
            try {
                tls = TlsPolicy.choose(tlsCert, tlsKey, names, now);
            } catch (TlsConfigException e) {
                String option = e.setting() == TlsConfigException.Setting.CERTIFICATE ? "--tls-cert" : "--tls-key";
                throw error(option + ": " + e.getMessage());
            }
            tls.filter(TlsIdentity::selfSigned).ifPresent(id -> log.warn("No TLS certificate configured; generated a "
                    + "self-signed one for {} (SHA-256 fingerprint {}). Browsers will warn; configure "
                    + "--tls-cert/--tls-key for production.", String.join(", ", names), id.sha256Fingerprint()));
            if (maxParticipants < 1 || maxParticipants > 100_000) throw error("--max-participants must be 1..100000");
            ControlConfig control = ControlConfig.defaults().withHost(host).withPort(port).withIceServers(ice)
                    .withTls(tls.orElse(null)).withMaxParticipantsPerRoom(maxParticipants);
            MediaTransportConfig media = MediaTransportConfig.defaults().withBindAddress(mediaBindAddress)
                    .withPorts(mediaPort, mediaPort).withAdvertisedAddresses(addresses);
            String publicHost = isSpecific(host) && advertise.isEmpty() ? host : names.getFirst();
            if (TlsPolicy.isLoopback(host) && !names.stream().allMatch(TlsPolicy::isLoopback))
                log.warn("HTTP listens on {} only, so browsers on other machines cannot open the page; add --host 0.0.0.0",
                        host);
            return new Setup(control, media, publicHost, mail(), registration(), lastN());
        }

        /** {@code all} or a count from 1: how many cameras each participant receives at most. */
        private int lastN() {
            if ("all".equals(lastN)) return LastN.ALL;
            try {
                int n = Integer.parseInt(lastN);
                if (n >= 1) return n;
            } catch (NumberFormatException e) {
                // named below
            }
            throw error("--last-n must be all or a number from 1");
        }

        private MailConfig mail() {
            if (smtpHost == null) {
                if (smtpUser != null || smtpFrom != null) throw error("--smtp-user and --smtp-from need --smtp-host");
                return MailConfig.none();
            }
            requirePort("--smtp-port", smtpPort);
            if (smtpFrom == null) throw error("--smtp-host needs --smtp-from, the sender address");
            if (smtpUser != null && (smtpPassword == null || smtpPassword.isEmpty()))
                throw error("--smtp-user needs --smtp-password (or the environment variable PLENUM_SMTP_PASSWORD)");
            MailConfig.Security security;
            try {
                security = MailConfig.Security.parse(smtpSecurity);
            } catch (IllegalArgumentException e) {
                throw error("--smtp-security must be starttls, tls or none");
            }
            try {
                return new MailConfig(smtpHost, smtpPort, smtpUser, smtpUser == null ? null : smtpPassword, smtpFrom, security);
            } catch (IllegalArgumentException e) {
                throw error("--smtp-from: " + e.getMessage());
            }
        }

        private RegistrationConfig registration() {
            if (publicUrl != null && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?"))
                throw error("--public-url must be an http:// or https:// address such as https://meet.example.org");
            try {
                return RegistrationConfig.defaults().withReminderOffsets(RegistrationConfig.parseOffsets(reminders));
            } catch (IllegalArgumentException e) {
                throw error("--reminders: " + e.getMessage());
            }
        }

        private List<IceServer> iceServers() {
            boolean anyTurn = iceServers.stream().anyMatch(IceServer::isTurn);
            if ((iceUsername == null) != (iceCredential == null))
                throw error("--ice-username and --ice-credential go together");
            if (iceUsername != null && !anyTurn)
                throw error("--ice-username/--ice-credential are for TURN servers; no --ice-server turn: or turns: URL was given");
            List<IceServer> out = new ArrayList<>();
            for (String url : iceServers) {
                String problem = IceServer.problem(url);
                if (problem != null) throw error("--ice-server: " + problem);
                if (IceServer.isTurn(url) && iceUsername == null)
                    throw error("--ice-server " + url + " is a TURN server; give --ice-username and --ice-credential too");
                out.add(IceServer.isTurn(url) ? IceServer.turn(url, iceUsername, iceCredential) : IceServer.stun(url));
            }
            return out;
        }

        private void requirePort(String option, int value) {
            if (value < 0 || value > 65535) throw error(option + " must be 0 to 65535, was " + value);
        }

        private InetAddress literal(String option, String value) {
            try {
                return InetAddress.ofLiteral(value.strip());
            } catch (IllegalArgumentException e) {
                throw error(option + ": \"" + value + "\" is not an IP address");
            }
        }

        private InetAddress resolve(String name) {
            try {
                return InetAddress.getByName(name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name);
            } catch (UnknownHostException e) {
                throw error("--advertise: cannot resolve \"" + name + "\"");
            }
        }

        private static boolean isSpecific(InetAddress address) {
            return !address.isAnyLocalAddress();
        }

        private static boolean isSpecific(String bindHost) {
            return !bindHost.equals("0.0.0.0") && !bindHost.equals("::") && !bindHost.equals("[::]");
        }

        /** --max-upload-mb in bytes: 1 MiB to 2047 MiB (a file is held in memory while it is checked). */
        long uploadLimit() {
            if (maxUploadMb < 1 || maxUploadMb > 2047) throw error("--max-upload-mb must be 1..2047, was " + maxUploadMb);
            return maxUploadMb * 1024L * 1024L;
        }

        private ParameterException error(String message) {
            return new ParameterException(spec.commandLine(), message);
        }
    }
}
