"""Last checks on the joined PDF, before it is written: what must never be in a Cahier.

WeasyPrint does not produce these with our options; the checks make sure no future change (of
ours or of a dependency) lets one slip through: no JavaScript, no automatic action, no attached
or embedded file, no launch or import action, and every font embedded.

Only the places where such things live are read (the catalogue, the pages, their annotations and
resources), not every object of the file: the structure tree alone has thousands.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf

from cahiers.errors import BuildFailed

CATALOG_KEYS = ("/OpenAction", "/AA", "/AcroForm", "/JavaScript")
NAME_TREES = ("/JavaScript", "/EmbeddedFiles")
ALLOWED_ANNOTATIONS = ("/Link",)
ALLOWED_ACTIONS = ("/URI",)
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def problems(pdf: pikepdf.Pdf) -> list[str]:
    found: list[str] = []
    root = pdf.Root
    found += [f"a {key} entry in the catalogue" for key in CATALOG_KEYS if key in root]
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        found += [f"a {key} name tree" for key in NAME_TREES if key in names]
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        if "/AA" in page.obj:
            found.append("an automatic action on a page")
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            subtype = str(annotation.get("/Subtype"))
            if subtype not in ALLOWED_ANNOTATIONS:
                found.append(f"a {subtype} annotation")
            action = annotation.get("/A")
            if action is not None and str(action.get("/S")) not in ALLOWED_ACTIONS:
                found.append(f"a {action.get('/S')} action")
        for font in _fonts(page.obj.get("/Resources"), seen):
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and not any(key in descriptor for key in FONT_FILES):
                found.append(f"the font {font.get('/BaseFont')} is not embedded")
    return sorted(set(found))


def _fonts(resources: object, seen: set[tuple[int, int]]) -> Iterator[pikepdf.Object]:
    """Fonts used by these resources and by the forms they draw (chrome pages, images)."""
    if not isinstance(resources, pikepdf.Dictionary):
        return
    if resources.is_indirect:
        if resources.objgen in seen:
            return
        seen.add(resources.objgen)
    for font in resources.get("/Font", pikepdf.Dictionary()).values():
        if font.is_indirect and font.objgen in seen:
            continue
        if font.is_indirect:
            seen.add(font.objgen)
        # Type 0 fonts keep their descriptor in the descendant font.
        yield font
        yield from font.get("/DescendantFonts", pikepdf.Array())
    for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
        if xobject.is_indirect and xobject.objgen in seen:
            continue
        if xobject.is_indirect:
            seen.add(xobject.objgen)
        yield from _fonts(xobject.get("/Resources"), seen)


def verify_pdf(data: bytes, *, expected_pages: int) -> None:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = problems(pdf)
        pages = len(pdf.pages)
    if pages != expected_pages:
        found.append(f"{pages} pages instead of {expected_pages}")
    if found:
        raise BuildFailed("the PDF was not written, it would contain " + "; ".join(found))
