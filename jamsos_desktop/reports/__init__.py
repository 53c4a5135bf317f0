"""Nomination documents as PDF: one builder per document, writing to a binary stream.

- ``forms.build_forms``: formulir usulan, one page per nominee (many in one PDF), with the QR code.
- ``nominee_list.build_list``: daftar nominatif, or its masked copy for public posting.
- ``decree.build_decree``: the keputusan of the village head, with the list as its Lampiran.

Builders take plain data (``base.Setup`` and ``base.Entry``, whose fields are Protocols that
``services.rows`` satisfies), never a database session, and draw on a ReportLab canvas in
invariant mode with the embedded DejaVu fonts of resources/fonts: the same data and print date
give the same bytes. Each has a ``*_steps`` twin that yields (pages done, pages in all).
"""
