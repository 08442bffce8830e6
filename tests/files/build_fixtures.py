"""Build the hand-made decks of tests/files/ (python-pptx cannot make these features).

    python tests/files/build_fixtures.py

``sections-smartart.pptx``: three slides made with python-pptx, then edited as XML with zipfile:
- two named sections (``p14:sectionLst`` in ``p:presentation/p:extLst``): "Diagnostic" holds
  slide 1, "Nouvelle offre" slides 2 and 3;
- on slide 1, a SmartArt graphic frame whose diagram-data part lists its points out of outline
  order (the order of the ``parOf`` connections is the one a person reads), with one sub-point;
- on slide 2, a text box inside ``mc:AlternateContent`` (a ``mc:Choice`` and a ``mc:Fallback``
  holding the same shape, as PowerPoint writes for newer features).

The diagram has only its data part (no layout, style or colour part), enough for deckmentor,
which reads the text; PowerPoint may redraw it with a default layout.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from pptx import Presentation

HERE = Path(__file__).resolve().parent

_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
_SECTIONS = f"""<p:extLst><p:ext uri="{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}">\
<p14:sectionLst xmlns:p14="{_P14}">\
<p14:section name="Diagnostic" id="{{6F2B8E11-0A9C-4D7B-9E3A-1C2D3E4F5A60}}">\
<p14:sldIdLst><p14:sldId id="256"/></p14:sldIdLst></p14:section>\
<p14:section name="Nouvelle offre" id="{{6F2B8E11-0A9C-4D7B-9E3A-1C2D3E4F5A61}}">\
<p14:sldIdLst><p14:sldId id="257"/><p14:sldId id="258"/></p14:sldIdLst></p14:section>\
</p14:sectionLst></p:ext></p:extLst>"""

_SMARTART_FRAME = """<p:graphicFrame><p:nvGraphicFramePr>\
<p:cNvPr id="10" name="Diagramme 9"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>\
<p:xfrm><a:off x="914400" y="1828800"/><a:ext cx="7315200" cy="3657600"/></p:xfrm>\
<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">\
<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" \
r:dm="rId90" r:lo="rId90" r:qs="rId90" r:cs="rId90"/></a:graphicData></a:graphic>\
</p:graphicFrame>"""


def _point(model_id: str, text: str, kind: str = "") -> str:
    type_attr = f' type="{kind}"' if kind else ""
    runs = f'<a:r><a:rPr lang="fr-FR"/><a:t>{text}</a:t></a:r>' if text else ""
    return (
        f'<dgm:pt modelId="{model_id}"{type_attr}><dgm:prSet/><dgm:spPr/>'
        f"<dgm:t><a:bodyPr/><a:lstStyle/><a:p>{runs}</a:p></dgm:t></dgm:pt>"
    )


def _cxn(model_id: str, source: str, dest: str, order: int) -> str:
    return f'<dgm:cxn modelId="{model_id}" srcId="{source}" destId="{dest}" srcOrd="{order}"/>'


# Points in creation order; the connections put "Diagnostiquer" first and "Déployer" last.
_DATA = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
    + _point("{0}", "", "doc")
    + _point("{3}", "Déployer en 2026")
    + _point("{1}", "Diagnostiquer l’offre actuelle")
    + _point("{2}", "Simplifier la gamme")
    + _point("{21}", "Trois offres au lieu de sept")
    + _point("{9}", "", "parTrans")
    + "</dgm:ptLst><dgm:cxnLst>"
    + _cxn("{c3}", "{0}", "{3}", 2)
    + _cxn("{c1}", "{0}", "{1}", 0)
    + _cxn("{c2}", "{0}", "{2}", 1)
    + _cxn("{c21}", "{2}", "{21}", 0)
    + "</dgm:cxnLst><dgm:bg/><dgm:whole/></dgm:dataModel>"
)

_ALTERNATE = """<mc:AlternateContent \
xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">\
<mc:Choice xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" Requires="p14">\
{shape}</mc:Choice><mc:Fallback>{shape}</mc:Fallback></mc:AlternateContent>"""
_TEXT_BOX = """<p:sp><p:nvSpPr><p:cNvPr id="20" name="ZoneTexte 19"/><p:cNvSpPr txBox="1"/>\
<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="914400" y="4572000"/><a:ext cx="7315200" \
cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody>\
<a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="fr-FR" sz="2000"/><a:t>Marge brute visée : \
42 %</a:t></a:r></a:p></p:txBody></p:sp>"""


def build_sections_smartart() -> bytes:
    """The bytes of sections-smartart.pptx."""
    prs = Presentation()
    for title in ("Où en est notre offre ?", "Trois gammes, un tarif lisible", "Calendrier"):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
    buffer = io.BytesIO()
    prs.save(buffer)
    return _edit(buffer.getvalue())


def _edit(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(_stamped(info.filename), _edited(info.filename, source.read(info)))
        target.writestr(_stamped("ppt/diagrams/data1.xml"), _DATA.encode())
    return out.getvalue()


def _stamped(name: str) -> zipfile.ZipInfo:
    """A member with a fixed date, so that rebuilding gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _edited(name: str, content: bytes) -> bytes:
    if not name.endswith((".xml", ".rels")):
        return content
    text = content.decode("utf-8")
    if name == "ppt/presentation.xml":
        text = text.replace("</p:presentation>", _SECTIONS + "</p:presentation>")
    elif name == "ppt/slides/slide1.xml":
        text = text.replace("</p:spTree>", _SMARTART_FRAME + "</p:spTree>")
    elif name == "ppt/slides/slide2.xml":
        text = text.replace("</p:spTree>", _ALTERNATE.format(shape=_TEXT_BOX) + "</p:spTree>")
    elif name == "ppt/slides/_rels/slide1.xml.rels":
        rel = (
            '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/diagramData" Target="../diagrams/data1.xml"/>'
        )
        text = text.replace("</Relationships>", rel + "</Relationships>")
    elif name == "[Content_Types].xml":
        override = (
            '<Override PartName="/ppt/diagrams/data1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.drawingml.diagramData+xml"/>'
        )
        text = re.sub("</Types>", override + "</Types>", text)
    return text.encode("utf-8")


if __name__ == "__main__":
    (HERE / "sections-smartart.pptx").write_bytes(build_sections_smartart())
