"""Join the laid-out segments into one PDF, with pikepdf: pages, tags, links, outline, chrome.

The first segment (the front matter, which carries the metadata) is the base document; the
others are appended in order. What WeasyPrint would have produced for one document, rebuilt:
- the tagged-PDF structure: each segment's elements go under the one `Document` element, and
  the parent tree is renumbered (pages first, then annotations, as WeasyPrint numbers them);
- named destinations: one name tree, every anchor of every segment (ids are unique book-wide);
- links between segments, written `cahiers-xref:<anchor>` by `cahiers.book.xref`, become
  `/Dest` links to the named destination;
- the outline, re-nested across segments from the bookmarks WeasyPrint reported;
- each page gets its chrome page (running header, folio, watermark) drawn over it as a
  pagination artifact, so that assistive technology skips it.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Sequence
from urllib.parse import unquote

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf, String

from cahiers.book.pagemap import OutlineEntry, PageMap
from cahiers.book.xref import XREF_SCHEME
from cahiers.errors import BuildFailed


def join(
    segments: Sequence[bytes], chrome: Sequence[bytes], pagemap: PageMap, *, tagged: bool
) -> bytes:
    """One PDF from the laid-out segments, and the chrome pages (in chunks) laid over them."""
    out = Pdf.open(io.BytesIO(segments[0]))
    keys = _ParentTree(out) if tagged else None
    if keys is not None:
        keys.adopt_base(out)
    opened = [out]  # closed at the end: pikepdf reads lazily from them until the save
    for number, data in enumerate(segments[1:], start=1):
        src = Pdf.open(io.BytesIO(data))
        opened.append(src)
        if tagged:
            _prefix_table_ids(src, f"s{number}-")
            _detach_structure(src)
        first_new = len(out.pages)
        with warnings.catch_warnings():
            # pikepdf warns that named destinations are not carried over: we carry them below.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            out.pages.extend(src.pages)
        if keys is not None:
            keys.adopt(out, src, first_new)
        _merge_destinations(out, src)
    _insert_blank_pages(out, pagemap)
    if len(out.pages) != pagemap.total:
        raise BuildFailed(
            f"internal error: joined {len(out.pages)} pages, expected {pagemap.total}"
        )
    if keys is not None:
        keys.write(out)
    _resolve_cross_links(out)
    _write_outline(out, pagemap.outline)
    chunks = [Pdf.open(io.BytesIO(data)) for data in chrome]
    opened += chunks
    _overlay_chrome(out, [(chunk, page) for chunk in chunks for page in chunk.pages])
    buffer = io.BytesIO()
    out.save(
        buffer,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    for pdf in opened:
        pdf.close()
    return buffer.getvalue()


class _ParentTree:
    """The structure parent tree, renumbered: every page in order, then every annotation."""

    def __init__(self, out: Pdf) -> None:
        self.document = out.Root.StructTreeRoot.K[0]
        self.pages: list[pikepdf.Object] = []  # per adopted page: its array of elements
        self.annotations: list[tuple[pikepdf.Object, pikepdf.Object]] = []  # (annot, element)

    @staticmethod
    def _old_nums(pdf: Pdf) -> dict[int, pikepdf.Object]:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}

    def adopt_base(self, out: Pdf) -> None:
        old = self._old_nums(out)
        for page in out.pages:
            self._adopt_page(page.obj, old, lambda value: value)

    def adopt(self, out: Pdf, src: Pdf, first_new: int) -> None:
        old = self._old_nums(src)
        for element in src.Root.StructTreeRoot.K[0].K:
            copied = out.copy_foreign(element)
            copied.P = self.document
            self.document.K.append(copied)
        for page in out.pages[first_new:]:
            self._adopt_page(page.obj, old, lambda value: _copy(out, value))

    def _adopt_page(
        self,
        page: pikepdf.Object,
        old: dict[int, pikepdf.Object],
        to_out: Callable[[pikepdf.Object], pikepdf.Object],
    ) -> None:
        """Record the page's elements and its annotations', mapped into the output document."""
        if "/StructParents" in page:
            elements = old[int(page.StructParents)]
            self.pages.append(Array([to_out(e) for e in elements]))
        else:
            self.pages.append(Array())
        for annotation in page.get("/Annots", Array()):
            if "/StructParent" in annotation:
                element = to_out(old[int(annotation.StructParent)])
                self.annotations.append((annotation, element))

    def write(self, out: Pdf) -> None:
        nums = Array()
        adopted = iter(self.pages)
        for index, page in enumerate(out.pages):
            if "/CahiersBlank" in page.obj:
                continue  # an inserted blank page has no content, hence no structure
            page.obj.StructParents = index
            nums.append(index)
            nums.append(out.make_indirect(next(adopted)))
        next_key = len(out.pages)
        for annotation, element in self.annotations:
            annotation.StructParent = next_key
            nums.append(next_key)
            nums.append(element)
            next_key += 1
        tree = out.make_indirect(Dictionary(Nums=nums))
        out.Root.StructTreeRoot.ParentTree = tree
        out.Root.StructTreeRoot.ParentTreeNextKey = next_key


def _detach_structure(src: Pdf) -> None:
    """Cut the top elements from their old parent, so that copying them copies no more."""
    for element in src.Root.StructTreeRoot.K[0].K:
        del element.P


def _prefix_table_ids(src: Pdf, prefix: str) -> None:
    """Table header ids are made of object numbers: unique in a segment, not in the book."""
    for obj in src.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != Name.StructElem:
            continue
        if "/ID" in obj:
            obj.ID = String(prefix + str(obj.ID))
        attributes = obj.get("/A")
        if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
            attributes.Headers = Array([String(prefix + str(h)) for h in attributes.Headers])


def _merge_destinations(out: Pdf, src: Pdf) -> None:
    if "/Names" not in src.Root or "/Dests" not in src.Root.Names:
        return
    if "/Names" not in out.Root:
        out.Root.Names = Dictionary()
    if "/Dests" not in out.Root.Names:
        out.Root.Names.Dests = out.make_indirect(Dictionary(Names=Array()))
    target = pikepdf.NameTree(out.Root.Names.Dests)
    for name, destination in pikepdf.NameTree(src.Root.Names.Dests).items():
        if name in target:
            raise BuildFailed(f"internal error: the anchor `{name}` is defined twice in the book")
        target[name] = _copy(out, destination)


def _insert_blank_pages(out: Pdf, pagemap: PageMap) -> None:
    """Print: a blank verso after each segment that ends on a recto (the next starts right)."""
    for padded, following in zip(pagemap.padded, pagemap.offsets[1:], strict=False):
        if not padded:
            continue
        # Pages before `following` are already numbered as in the page map: insert in order.
        last = out.pages[following - 2].obj
        blank = Dictionary(
            Type=Name.Page,
            MediaBox=last.MediaBox,
            TrimBox=last.get("/TrimBox", last.MediaBox),
            BleedBox=last.get("/BleedBox", last.MediaBox),
            Resources=Dictionary(),
            Contents=out.make_stream(b""),
            CahiersBlank=True,
        )
        out.pages.insert(following - 1, pikepdf.Page(out.make_indirect(blank)))


def _resolve_cross_links(out: Pdf) -> None:
    names = (
        set(pikepdf.NameTree(out.Root.Names.Dests).keys())
        if "/Names" in out.Root and "/Dests" in out.Root.Names
        else set()
    )
    for page in out.pages:
        for annotation in page.obj.get("/Annots", Array()):
            action = annotation.get("/A")
            if action is None or action.get("/S") != Name.URI:
                continue
            uri = str(action.URI)
            if not uri.startswith(XREF_SCHEME):
                continue
            anchor = unquote(uri.removeprefix(XREF_SCHEME))
            if anchor not in names:
                raise BuildFailed(f"internal error: a link points to the missing anchor `{anchor}`")
            del annotation.A
            annotation.Dest = String(anchor)
            if "/Contents" in annotation:
                annotation.Contents = String(anchor)


def _write_outline(out: Pdf, entries: Sequence[OutlineEntry]) -> None:
    with out.open_outline() as outline:
        outline.root.clear()
        stack: list[tuple[int, list[OutlineItem]]] = [(0, outline.root)]
        for entry in entries:
            while stack[-1][0] >= entry.level:
                stack.pop()
            page = out.pages[entry.page].obj
            item = OutlineItem(
                entry.label,
                Array([page, Name.XYZ, entry.x, entry.y, 0]),
            )
            item.is_closed = entry.closed
            stack[-1][1].append(item)
            stack.append((entry.level, item.children))


def _overlay_chrome(out: Pdf, sheets: Sequence[tuple[Pdf, pikepdf.Page]]) -> None:
    if len(sheets) != len(out.pages):
        raise BuildFailed(f"internal error: {len(sheets)} chrome pages for {len(out.pages)} pages")
    for index, (page, (chunk, sheet)) in enumerate(zip(out.pages, sheets, strict=True)):
        form = out.copy_foreign(chunk.make_indirect(sheet.as_form_xobject()))
        resources = _copy_dictionary(page.obj.get("/Resources"))
        xobjects = _copy_dictionary(resources.get("/XObject"))
        name = Name(f"/CahiersChrome{index}")
        xobjects[name] = form
        resources.XObject = xobjects
        page.obj.Resources = resources
        page.contents_add(pikepdf.Stream(out, b"q\n"), prepend=True)
        page.contents_add(
            pikepdf.Stream(
                out, b"Q\n/Artifact <</Type /Pagination>> BDC q " + name.unparse() + b" Do Q EMC\n"
            )
        )
        if "/CahiersBlank" in page.obj:
            del page.obj.CahiersBlank


def _copy_dictionary(value: object) -> Dictionary:
    """A shallow copy: the page gets its own resources, sharing the objects they point to."""
    copy = Dictionary()
    if isinstance(value, pikepdf.Dictionary):
        for key, item in value.items():
            copy[key] = item
    return copy


def _copy(out: Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """Copy a value of another PDF into `out`, direct containers included.

    Indirect objects go through qpdf's copier, which remembers what it copied: a page already
    appended to `out` maps to that page, not to a second copy.
    """
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return out.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return Array([_copy(out, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return Dictionary({key: _copy(out, item) for key, item in value.items()})
    return value
