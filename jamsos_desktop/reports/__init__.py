"""Nomination documents as PDF: one builder per document, writing to a binary stream."""
