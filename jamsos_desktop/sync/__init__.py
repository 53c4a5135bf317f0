"""Sync files: format, export, import and crypto (Qt-free, shared with the district hub).

The format is specified in docs/sync-format.md. Both directions live here, with no database
and no Qt, so that the village app and the district hub use the same code:

Village side
    ``village_export.write_export`` seals changed records; ``village_export.verify_written``
    checks the bytes on disk; ``district_return.read_return`` verifies and opens the
    district's answer.

District side
    ``keyfile.make_district_keys`` / ``public_key_file`` / ``private_key_file`` /
    ``read_private_key_file``; ``village_export.read_export`` (verify, decrypt; pin the device
    key with ``expected_device``) and ``check_chain`` (missing export numbers);
    ``district_return.write_return`` with one ``district_return.Result`` per nomination.

Every refusal is a ``errors.SyncRefused`` with a stable ``code`` and a bilingual message.
"""
