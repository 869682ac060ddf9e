"""The Outlook add-in: its manifests and the files `sendguard serve` hands to Outlook."""
