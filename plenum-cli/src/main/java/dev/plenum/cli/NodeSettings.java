package dev.plenum.cli;

import dev.plenum.control.files.FilesConfig;
import dev.plenum.control.org.AccountsConfig;
import dev.plenum.control.store.StoreConfig;
import dev.plenum.control.webhook.WebhookDispatcher;

/**
 * What a node takes besides its control and media configuration: where it keeps its data, how members sign in,
 * the limits on uploaded files, and how webhooks are delivered. Defaults in {@link #defaults(StoreConfig)}.
 */
public record NodeSettings(StoreConfig store, AccountsConfig accounts, FilesConfig files, WebhookDispatcher.Settings webhooks) {

    public static NodeSettings defaults(StoreConfig store) {
        return new NodeSettings(store, AccountsConfig.defaults(), FilesConfig.defaults(), WebhookDispatcher.Settings.defaults());
    }

    public NodeSettings withAccounts(AccountsConfig newAccounts) {
        return new NodeSettings(store, newAccounts, files, webhooks);
    }

    public NodeSettings withFiles(FilesConfig newFiles) {
        return new NodeSettings(store, accounts, newFiles, webhooks);
    }

    public NodeSettings withWebhooks(WebhookDispatcher.Settings newWebhooks) {
        return new NodeSettings(store, accounts, files, newWebhooks);
    }
}
