"""Caps that keep one attachment from costing the service too much time or memory."""

from pydantic import BaseModel, ConfigDict, Field


class AttachmentLimits(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Largest attachment read, after base64 decoding.
    max_bytes: int = Field(default=25 * 1024 * 1024, ge=1)
    max_pages: int = Field(default=500, ge=1)
    # Text objects in one PDF content stream (a page). PDFium keeps each in memory
    # (~2.7 KB) while the page is read; a page set one glyph at a time has ~3,000.
    max_pdf_stream_text_objects: int = Field(default=10_000, ge=1)
    # Rows counted in one spreadsheet or CSV (all sheets together).
    max_rows: int = Field(default=100_000, ge=1)
    # Rows copied into the text for detection; the rest are only counted.
    max_sample_rows: int = Field(default=500, ge=1)
    # Cells in the grid a sheet spans from its first to its last cell. calamine
    # allocates that whole grid (about 32 bytes a cell), so a workbook with a larger
    # one is read cell by cell instead (sheetcells.py); a legacy .xls is refused.
    max_sheet_cells: int = Field(default=1_000_000, ge=1)
    max_archive_entries: int = Field(default=1000, ge=1)
    # An archive inside an archive (or mail) is one level deeper; the attachment is level 0.
    max_depth: int = Field(default=3, ge=0)
    # Expanded size over packed size, for the archive as a whole ...
    max_ratio: float = Field(default=100.0, gt=1)
    # ... checked once it expands past this size: small files that compress very
    # well are common and harmless.
    ratio_floor_bytes: int = Field(default=10 * 1024 * 1024, ge=0)
    # Bytes expanded from every archive and Office file inside one attachment.
    max_total_uncompressed: int = Field(default=200 * 1024 * 1024, ge=1)
    max_text_chars: int = Field(default=2_000_000, ge=1)
    # Wall-clock budget for one attachment, nested files included.
    budget_seconds: float = Field(default=5.0, gt=0)
