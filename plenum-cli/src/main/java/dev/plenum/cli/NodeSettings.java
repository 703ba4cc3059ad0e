package dev.plenum.cli;

import dev.plenum.control.files.FilesConfig;
import dev.plenum.control.mail.MailConfig;
import dev.plenum.control.org.AccountsConfig;
import dev.plenum.control.registration.RegistrationConfig;
import dev.plenum.control.store.StoreConfig;
import dev.plenum.control.webhook.WebhookDispatcher;

/**
 * What a node takes besides its control and media configuration: where it keeps its data, how members sign in,
 * the limits on uploaded files, how webhooks are delivered, and how registration mail is sent. Defaults in
 * {@link #defaults(StoreConfig)}.
 *
 * @param mail         the SMTP server of registration mails ({@link MailConfig#none()}: mails wait in the outbox)
 * @param registration reminder offsets and the public form's rate limit
 * @param publicUrl    the address links in mails point at (e.g. https://meet.example.org), null for the node's URL
 * @param linkKeyFile  the key of the personal links in registration mails (made when missing), null for a key of
 *                     this process only (links then stop working at a restart)
 * @param recordingsDir where recordings are written (made when missing), null for a temporary directory of this
 *                     process (tests, embedding)
 */
public record NodeSettings(StoreConfig store, AccountsConfig accounts, FilesConfig files, WebhookDispatcher.Settings webhooks,
                           MailConfig mail, RegistrationConfig registration, String publicUrl, java.nio.file.Path linkKeyFile,
                           java.nio.file.Path recordingsDir) {

    public static NodeSettings defaults(StoreConfig store) {
        return new NodeSettings(store, AccountsConfig.defaults(), FilesConfig.defaults(), WebhookDispatcher.Settings.defaults(),
                MailConfig.none(), RegistrationConfig.defaults(), null, null, null);
    }

    public NodeSettings withRecordingsDir(java.nio.file.Path dir) {
        return new NodeSettings(store, accounts, files, webhooks, mail, registration, publicUrl, linkKeyFile, dir);
    }

    public NodeSettings withLinkKeyFile(java.nio.file.Path file) {
        return new NodeSettings(store, accounts, files, webhooks, mail, registration, publicUrl, file, recordingsDir);
    }

    public NodeSettings withAccounts(AccountsConfig newAccounts) {
        return new NodeSettings(store, newAccounts, files, webhooks, mail, registration, publicUrl, linkKeyFile, recordingsDir);
    }

    public NodeSettings withFiles(FilesConfig newFiles) {
        return new NodeSettings(store, accounts, newFiles, webhooks, mail, registration, publicUrl, linkKeyFile, recordingsDir);
    }

    public NodeSettings withWebhooks(WebhookDispatcher.Settings newWebhooks) {
        return new NodeSettings(store, accounts, files, newWebhooks, mail, registration, publicUrl, linkKeyFile, recordingsDir);
    }

    public NodeSettings withMail(MailConfig newMail, RegistrationConfig newRegistration, String newPublicUrl) {
        return new NodeSettings(store, accounts, files, webhooks, newMail, newRegistration, newPublicUrl, linkKeyFile, recordingsDir);
    }
}
