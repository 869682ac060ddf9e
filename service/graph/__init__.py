"""Microsoft Graph, where the add-in alone cannot know enough: the tenant's verified domains,
who a distribution list reaches, attachments the add-in could not send inline.

Every call is optional, cached and time-boxed; a failure degrades to the organisation
file and a note in the verdict, never a failed scan.
"""
