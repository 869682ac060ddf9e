"""What one worker holds for its lifetime: loaded once in the app's lifespan."""

from dataclasses import dataclass

from service.api.scanning import ScanService
from service.auth.tokens import RefuseEveryToken, TokenValidator
from service.settings import Settings
from service.store.repository import Repository
from service.store.writer import StoreWriter


@dataclass
class ServiceState:
    settings: Settings
    scans: ScanService
    repository: Repository
    writer: StoreWriter
    hash_key: bytes
    # None in development mode (no sign-in).
    validator: TokenValidator | RefuseEveryToken | None
