"""Last checks on the joined PDF, before it is written: what must never be in a Cahier.

WeasyPrint does not produce these with our options; the checks make sure no future change (of
ours or of a dependency) lets one slip through: no JavaScript, no automatic action, no attached
or embedded file, no launch action, and every font embedded.
"""

from __future__ import annotations

import io

import pikepdf

from cahiers.errors import BuildFailed

FORBIDDEN_KEYS = ("/JavaScript", "/JS", "/OpenAction", "/AA", "/EmbeddedFiles", "/EmbeddedFile")
FORBIDDEN_SUBTYPES = ("/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen", "/3D")
FORBIDDEN_ACTIONS = ("/Launch", "/JavaScript", "/ImportData", "/SubmitForm", "/GoToE", "/GoToR")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def problems(pdf: pikepdf.Pdf) -> list[str]:
    found: list[str] = []
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        for key in FORBIDDEN_KEYS:
            if key in obj:
                found.append(f"a {key} entry")
        if obj.get("/Subtype") in FORBIDDEN_SUBTYPES:
            found.append(f"a {obj.get('/Subtype')} annotation")
        if obj.get("/S") in FORBIDDEN_ACTIONS:
            found.append(f"a {obj.get('/S')} action")
        if obj.get("/Type") == pikepdf.Name.FontDescriptor and not any(
            key in obj for key in FONT_FILES
        ):
            found.append(f"the font {obj.get('/FontName')} is not embedded")
    return sorted(set(found))


def verify_pdf(data: bytes, *, expected_pages: int) -> None:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = problems(pdf)
        pages = len(pdf.pages)
    if pages != expected_pages:
        found.append(f"{pages} pages instead of {expected_pages}")
    if found:
        raise BuildFailed("the PDF was not written, it would contain " + "; ".join(found))
