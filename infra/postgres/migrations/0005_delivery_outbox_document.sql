-- A message may attach a document the session published (the conclusion notice's PDF), named here and fetched from the
-- session's results when the e-mail goes out: stored once, not once per recipient.
ALTER TABLE delivery_outbox ADD COLUMN document text;
