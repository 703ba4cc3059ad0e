package dev.plenum.cli;

import dev.plenum.control.ControlConfig;
import dev.plenum.control.org.AccountsConfig;
import dev.plenum.control.store.StoreConfig;
import dev.plenum.media.transport.MediaTransportConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code plenum} command. */
@Command(name = "plenum", mixinStandardHelpOptions = true, version = "Plenum 0.1.0",
        description = "Self-hosted meetings, webinars and classes.", subcommands = Plenum.Run.class)
public final class Plenum {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Plenum()).execute(args));
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run every role in one process on embedded defaults and print the address to open.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--host", description = "HTTP bind address (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
        String host;

        @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE})", defaultValue = "8080")
        int port;

        @Option(names = "--media-port", description = "UDP and ICE-TCP media port (default: ${DEFAULT-VALUE})",
                defaultValue = "10000")
        int mediaPort;

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

        @Option(names = "--open-sign-up", description = "let anyone create an organisation (default: only the first one)")
        boolean openSignUp;

        @Override
        public Integer call() throws Exception {
            ControlConfig config = ControlConfig.defaults().withHost(host).withPort(port);
            StoreConfig store = dbUrl == null ? StoreConfig.h2File(dataDir) : StoreConfig.of(dbUrl, dbUser, dbPassword);
            PlenumNode node = new PlenumNode(config, MediaTransportConfig.defaults().withPorts(mediaPort, mediaPort), store,
                    AccountsConfig.defaults().withOpenSignUp(openSignUp));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> { node.close(); stopped.countDown(); }));
            System.out.println();
            System.out.println("Plenum is running. Open " + node.url() + "/<room-name>, e.g. " + node.url() + "/welcome");
            System.out.println();
            stopped.await();
            return 0;
        }
    }
}
