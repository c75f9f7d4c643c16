"""The last check before writing: it finds what must never be in a Cahier."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from cahiers.book.verify import problems, verify_pdf
from cahiers.errors import BuildFailed


def a_page(pdf: pikepdf.Pdf) -> pikepdf.Page:
    pdf.add_blank_page(page_size=(200, 200))
    return pdf.pages[-1]


def test_javascript_attachments_actions_and_unembedded_fonts_are_found() -> None:
    pdf = pikepdf.new()
    page = a_page(pdf)
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=Array()))
    page.obj.Annots = pdf.make_indirect(
        Array(
            [
                Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[0, 0, 1, 1]),
                Dictionary(
                    Type=Name.Annot,
                    Subtype=Name.Link,
                    Rect=[0, 0, 1, 1],
                    A=Dictionary(S=Name.Launch, F=pikepdf.String("calc.exe")),
                ),
            ]
        )
    )
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.TrueType,
        BaseFont=Name.Arial,
        FontDescriptor=Dictionary(Type=Name.FontDescriptor, FontName=Name.Arial),
    )
    page.obj.Resources = Dictionary(Font=Dictionary(F1=pdf.make_indirect(font)))
    found = " | ".join(problems(pdf))
    for expected in ("/OpenAction", "/EmbeddedFiles", "/FileAttachment", "/Launch", "/Arial"):
        assert expected in found
    buffer = io.BytesIO()
    pdf.save(buffer)
    with pytest.raises(BuildFailed, match="OpenAction"):
        verify_pdf(buffer.getvalue(), expected_pages=1)


def test_a_clean_file_passes_and_the_page_count_is_checked() -> None:
    pdf = pikepdf.new()
    a_page(pdf)
    buffer = io.BytesIO()
    pdf.save(buffer)
    verify_pdf(buffer.getvalue(), expected_pages=1)
    with pytest.raises(BuildFailed, match="1 pages instead of 2"):
        verify_pdf(buffer.getvalue(), expected_pages=2)
