package dev.plenum.cli;

import dev.plenum.control.ControlConfig;
import dev.plenum.loadtest.LoadTestCommand;
import dev.plenum.media.transport.MediaTransportConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code plenum} command. */
@Command(name = "plenum", mixinStandardHelpOptions = true, version = "Plenum 0.1.0",
        description = "Self-hosted meetings, webinars and classes.", subcommands = {Plenum.Run.class, LoadTestCommand.class})
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

        @Override
        public Integer call() throws Exception {
            ControlConfig config = ControlConfig.defaults().withHost(host).withPort(port);
            PlenumNode node = new PlenumNode(config, MediaTransportConfig.defaults().withPorts(mediaPort, mediaPort));
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
