"""Sign-in with Microsoft Entra ID: v2 access tokens checked against the tenant's keys."""
