using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Delivery;

/// <summary>The delivery outbox in the embedded platform's SQLite file. Times are kept as Unix milliseconds (UTC).</summary>
public sealed class SqliteDeliveryOutbox : IDeliveryOutbox
{
    private const string Columns = "id, session_key, notice, recipient_id, channel, due_at, address, body, subject, attachment, attempts, document";

    private readonly SqliteDatabase _database;

    /// <summary>Outcomes and delivery reports, many a second in a fan-out: committed in groups.</summary>

    public SqliteDeliveryOutbox(SqliteDatabase database)
    {
        _database = database;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS delivery_outbox (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                session_key     TEXT    NOT NULL,
                notice          TEXT    NOT NULL,
                recipient_id    TEXT    NOT NULL,
                channel         TEXT    NOT NULL,
                due_at          INTEGER NOT NULL,
                address         TEXT    NOT NULL,
                body            TEXT    NOT NULL,
                subject         TEXT,
                attachment      TEXT,
                document        TEXT,
                status          TEXT    NOT NULL DEFAULT 'Pending',
                attempts        INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                lease_until     INTEGER NOT NULL DEFAULT 0,
                lease_owner     TEXT,
                last_error      TEXT,
                provider_id     TEXT,
                updated_at      INTEGER NOT NULL,
                UNIQUE (session_key, notice, recipient_id, channel)
            );
            """);
        _database.EnsureColumn("delivery_outbox", "document", "TEXT"); // a file from before published documents were attached

        // The dispatcher's claims: the messages still to send, by channel and time. Only pending ones are in it, as in
        // PostgreSQL's: a message sent, delivered, failed or cancelled leaves the index instead of moving within it.
        // Each index entry a write changes costs a 4 KiB page of the write-ahead log, which is also why an earlier
        // version's timed rows (channel Plan, moved into Quartz at start) are left out of the two indexes below.
        _database.EnsureIndex("delivery_outbox_due",
            "CREATE INDEX delivery_outbox_due ON delivery_outbox (channel, next_attempt_at) WHERE status = 'Pending'");

        // The province's delivery health counts its communes' recent messages: by commune (the session key's first
        // five characters, the same expression as the query's), then time. Without it every overview read the whole
        // outbox (213 ms at p50 for 168 communes, national benchmark).
        _database.EnsureIndex("delivery_outbox_commune",
            "CREATE INDEX delivery_outbox_commune ON delivery_outbox (substr(session_key, 1, 5), updated_at) WHERE channel <> 'Plan'");

        // A session's deliveries page counts its messages by channel and status, and an officer (or the fan-out
        // benchmark) reads it every few seconds while a fan-out runs: from this index alone, without reading each row
        // (33 ms a read for 20,000 messages, a third of a core at one read per 50 ms).
        _database.EnsureIndex("delivery_outbox_tally",
            "CREATE INDEX delivery_outbox_tally ON delivery_outbox (session_key, channel, status) WHERE channel <> 'Plan'");
    }

    public async Task<int> EnqueueAsync(IReadOnlyList<OutboxMessage> messages) =>
        messages.Count == 0 ? 0 : await _database.Writes.RunAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO delivery_outbox (session_key, notice, recipient_id, channel, due_at, address, body, subject, attachment, document, next_attempt_at, updated_at)
                VALUES ($session, $notice, $recipient, $channel, $due, $address, $body, $subject, $attachment, $document, $due, $now)
                ON CONFLICT (session_key, notice, recipient_id, channel) DO NOTHING
                """;
            var session = command.Parameters.Add("$session", SqliteType.Text);
            var notice = command.Parameters.Add("$notice", SqliteType.Text);
            var recipient = command.Parameters.Add("$recipient", SqliteType.Text);
            var channel = command.Parameters.Add("$channel", SqliteType.Text);
            var due = command.Parameters.Add("$due", SqliteType.Integer);
            var address = command.Parameters.Add("$address", SqliteType.Text);
            var body = command.Parameters.Add("$body", SqliteType.Text);
            var subject = command.Parameters.Add("$subject", SqliteType.Text);
            var attachment = command.Parameters.Add("$attachment", SqliteType.Text);
            var document = command.Parameters.Add("$document", SqliteType.Text);
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var added = 0;
            foreach (var message in messages)
            {
                session.Value = message.SessionKey;
                notice.Value = message.Notice;
                recipient.Value = message.RecipientId;
                channel.Value = message.Channel.ToString();
                due.Value = message.DueAt.ToUnixTimeMilliseconds();
                address.Value = message.Address;
                body.Value = message.Body;
                subject.Value = (object?)message.Subject ?? DBNull.Value;
                attachment.Value = (object?)message.Attachment ?? DBNull.Value;
                document.Value = (object?)message.Document ?? DBNull.Value;
                added += await command.ExecuteNonQueryAsync();
            }

            return added;
        });

    // Claims go through the group commit with the outcomes they make room for: one writer, no lock waits.
    public Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(DeliveryChannel channel, DateTimeOffset now, int max, TimeSpan lease, string owner) =>
        _database.Writes.RunAsync<IReadOnlyList<ClaimedMessage>>(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                UPDATE delivery_outbox SET lease_until = $until, lease_owner = $owner, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM delivery_outbox
                    WHERE channel = $channel AND status = 'Pending' AND next_attempt_at <= $now AND lease_until < $now
                    ORDER BY next_attempt_at LIMIT $max)
                RETURNING {Columns}
                """;
            command.Parameters.AddWithValue("$until", (now + lease).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$channel", channel.ToString());
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            var claimed = new List<ClaimedMessage>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var message = new OutboxMessage(
                    reader.GetString(1), reader.GetString(2), reader.GetString(3), Enum.Parse<DeliveryChannel>(reader.GetString(4)),
                    Time(reader.GetInt64(5)), reader.GetString(6), reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(11) ? null : reader.GetString(11));
                claimed.Add(new ClaimedMessage(reader.GetInt64(0), message, reader.GetInt32(10)));
            }

            return claimed;
        });

    // A delivery report may arrive before the sender records its own outcome: UpdateAsync only moves a message that
    // is still pending, so "sent" never overwrites "delivered" (or a reported failure).
    public Task MarkSentAsync(long id, string? providerId, DateTimeOffset at) => UpdateAsync(
        "status = 'Sent', provider_id = $provider, last_error = NULL, lease_until = 0, updated_at = $at", id, at, ("$provider", providerId));

    public Task MarkSentAsync(IReadOnlyCollection<long> ids, string? providerId, DateTimeOffset at) => _database.Writes.ExecuteAsync("""
        UPDATE delivery_outbox SET status = 'Sent', provider_id = $provider, last_error = NULL, lease_until = 0, updated_at = $at
        WHERE id IN (SELECT value FROM json_each($ids)) AND status = 'Pending'
        """, ("$ids", System.Text.Json.JsonSerializer.Serialize(ids)), ("$provider", providerId), ("$at", at.ToUnixTimeMilliseconds()));

    public async Task<DateTimeOffset?> NextDueAsync(DeliveryChannel channel, DateTimeOffset after, DateTimeOffset by)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT MIN(next_attempt_at) FROM delivery_outbox
            WHERE channel = $channel AND status = 'Pending' AND next_attempt_at > $after AND next_attempt_at <= $by
            """;
        command.Parameters.AddWithValue("$channel", channel.ToString());
        command.Parameters.AddWithValue("$after", after.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$by", by.ToUnixTimeMilliseconds());
        return await command.ExecuteScalarAsync() is long next ? Time(next) : null;
    }

    public Task MarkRetryAsync(long id, string error, DateTimeOffset nextAttempt, DateTimeOffset at) => UpdateAsync(
        "last_error = $error, next_attempt_at = $next, lease_until = 0, updated_at = $at", id, at, ("$error", error), ("$next", nextAttempt.ToUnixTimeMilliseconds()));

    public Task MarkFailedAsync(long id, string error, DateTimeOffset at) => UpdateAsync(
        "status = 'Failed', last_error = $error, lease_until = 0, updated_at = $at", id, at, ("$error", error));

    public Task<int> NoteWaitingAsync(DeliveryChannel channel, string reason, DateTimeOffset now) => _database.Writes.ExecuteAsync("""
        UPDATE delivery_outbox SET last_error = $reason, updated_at = $now
        WHERE channel = $channel AND status = 'Pending' AND next_attempt_at <= $now AND last_error IS NOT $reason
        """,
        ("$reason", reason), ("$now", now.ToUnixTimeMilliseconds()), ("$channel", channel.ToString()));

    public async Task<bool> RecordReceiptAsync(string sessionKey, string notice, string recipientId, DeliveryChannel channel, DeliveryStatus status, string? detail, DateTimeOffset at) =>
        await _database.Writes.ExecuteAsync("""
            UPDATE delivery_outbox
            SET status = CASE WHEN status = 'Delivered' THEN status ELSE $status END,
                last_error = CASE WHEN $status = 'Failed' AND status <> 'Delivered' THEN $detail ELSE last_error END,
                updated_at = $at
            WHERE session_key = $session AND notice = $notice AND recipient_id = $recipient AND channel = $channel
              AND (status = 'Sent' OR status = 'Pending' AND attempts > 0)
            """,
            ("$status", status.ToString()), ("$detail", detail), ("$at", at.ToUnixTimeMilliseconds()),
            ("$session", sessionKey), ("$notice", notice), ("$recipient", recipientId), ("$channel", channel.ToString())) == 1;

    // The request's rows by their ids only (the unary + keeps SQLite off the key's index, which would read every
    // message of the notice for each report).
    public async Task<bool> RecordReceiptForAddressAsync(string sessionKey, string notice, long firstId, long lastId, string address, DeliveryChannel channel,
        DeliveryStatus status, string? detail, DateTimeOffset at) =>
        await _database.Writes.ExecuteAsync("""
            UPDATE delivery_outbox
            SET status = $status, last_error = CASE WHEN $status = 'Failed' THEN $detail ELSE last_error END, updated_at = $at
            WHERE id = (
                SELECT id FROM delivery_outbox
                WHERE id BETWEEN $first AND $last AND +session_key = $session AND +notice = $notice AND +channel = $channel AND address = $address
                  AND (+status = 'Sent' OR +status = 'Pending' AND attempts > 0)
                ORDER BY id LIMIT 1)
            """,
            ("$status", status.ToString()), ("$detail", detail), ("$at", at.ToUnixTimeMilliseconds()), ("$first", firstId), ("$last", lastId),
            ("$session", sessionKey), ("$notice", notice), ("$channel", channel.ToString()), ("$address", address)) == 1;

    public Task<int> CancelPendingAsync(string sessionKey, IReadOnlyCollection<string> exceptNotices, string reason, DateTimeOffset at, DateTimeOffset? dueBefore = null) => _database.Writes.ExecuteAsync("""
        UPDATE delivery_outbox SET status = 'Cancelled', last_error = $reason, updated_at = $at
        WHERE session_key = $session AND status = 'Pending' AND channel <> 'Plan' AND notice NOT IN (SELECT value FROM json_each($except)) AND due_at < $before
        """,
        ("$reason", reason), ("$at", at.ToUnixTimeMilliseconds()), ("$session", sessionKey), ("$except", System.Text.Json.JsonSerializer.Serialize(exceptNotices)),
        ("$before", (dueBefore ?? DateTimeOffset.MaxValue).ToUnixTimeMilliseconds()));

    public Task<int> CancelForRecipientAsync(string communeCode, string recipientId, DeliveryChannel? channel, string reason, DateTimeOffset at) => _database.Writes.ExecuteAsync($"""
        UPDATE delivery_outbox SET status = 'Cancelled', last_error = $reason, updated_at = $at
        WHERE {OfRecipient} AND status = 'Pending' AND ($channel IS NULL OR channel = $channel)
        """,
        [.. Recipient(communeCode, recipientId), ("$reason", reason), ("$at", at.ToUnixTimeMilliseconds()), ("$channel", channel?.ToString())]);

    public Task<int> EraseRecipientAsync(string communeCode, string recipientId, DateTimeOffset at) => _database.Writes.ExecuteAsync($"""
        UPDATE delivery_outbox SET address = '', body = '', subject = NULL, attachment = NULL, updated_at = $at
        WHERE {OfRecipient}
        """,
        [.. Recipient(communeCode, recipientId), ("$at", at.ToUnixTimeMilliseconds())]);

    public async Task<IReadOnlyList<DeliveryRow>> ListForRecipientAsync(string communeCode, string recipientId)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RowColumns} FROM delivery_outbox WHERE {OfRecipient} ORDER BY id";
        foreach (var (name, value) in Recipient(communeCode, recipientId))
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await ReadRowsAsync(command);
    }

    /// <summary>One person's messages: the recipient, in any session of the commune (keys "{commune}/{session}").</summary>
    private const string OfRecipient = "recipient_id = $recipient AND channel <> 'Plan' AND substr(session_key, 1, length($prefix)) = $prefix";

    /// <summary>The parameters of <see cref="OfRecipient"/>.</summary>
    private static (string Name, object? Value)[] Recipient(string communeCode, string recipientId) =>
        [("$recipient", recipientId), ("$prefix", communeCode + "/")];

    public async Task<IReadOnlyList<(string RecipientId, DeliveryChannel Channel)>> ToldAsync(string sessionKey)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT recipient_id, channel FROM delivery_outbox
            WHERE session_key = $session AND channel <> 'Plan' AND status IN ('Sent', 'Delivered')
            """;
        command.Parameters.AddWithValue("$session", sessionKey);
        var told = new List<(string, DeliveryChannel)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            told.Add((reader.GetString(0), Enum.Parse<DeliveryChannel>(reader.GetString(1))));
        }

        return told;
    }

    public async Task<IReadOnlyList<DeliveryCount>> CountAsync(string sessionKey, IReadOnlyCollection<string>? notices = null)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT channel, status, COUNT(*) FROM delivery_outbox
            WHERE session_key = $session AND channel <> 'Plan'
              AND ($notices IS NULL OR notice IN (SELECT value FROM json_each($notices)))
            GROUP BY channel, status
            """;
        command.Parameters.AddWithValue("$session", sessionKey);
        command.Parameters.AddWithValue("$notices", notices is null ? DBNull.Value : System.Text.Json.JsonSerializer.Serialize(notices));
        var counts = new List<DeliveryCount>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts.Add(new DeliveryCount(Enum.Parse<DeliveryChannel>(reader.GetString(0)), Enum.Parse<DeliveryStatus>(reader.GetString(1)), reader.GetInt32(2)));
        }

        return counts;
    }

    public async Task<IReadOnlyList<LegacyPlanRow>> LegacyPlanRowsAsync(int max)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, session_key, notice, status, due_at FROM delivery_outbox WHERE channel = 'Plan' ORDER BY due_at, id LIMIT $max";
        command.Parameters.AddWithValue("$max", max);
        var rows = new List<LegacyPlanRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new LegacyPlanRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Enum.Parse<DeliveryStatus>(reader.GetString(3)), Time(reader.GetInt64(4))));
        }

        return rows;
    }

    public Task DeleteLegacyPlanRowsAsync(IReadOnlyCollection<long> ids) =>
        _database.Writes.ExecuteAsync("DELETE FROM delivery_outbox WHERE channel = 'Plan' AND id IN (SELECT value FROM json_each($ids))",
            ("$ids", System.Text.Json.JsonSerializer.Serialize(ids)));

    public async Task<IReadOnlyList<DeliveryBacklog>> BacklogAsync(DateTimeOffset now)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT channel, COUNT(*), MIN(next_attempt_at) FROM delivery_outbox
            WHERE status = 'Pending' AND next_attempt_at <= $now AND channel <> 'Plan'
            GROUP BY channel
            """;
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        var backlog = new List<DeliveryBacklog>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            backlog.Add(new DeliveryBacklog(Enum.Parse<DeliveryChannel>(reader.GetString(0)), reader.GetInt32(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return backlog;
    }

    public async Task<IReadOnlyList<CommuneDeliveryCount>> CountByCommuneAsync(IReadOnlyCollection<string> communeCodes, DateTimeOffset since)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        // Session keys are "{communeCode}/{sessionId}": the commune is the key's first five characters.
        command.CommandText = """
            SELECT substr(session_key, 1, 5) AS commune, channel, status, COUNT(*) FROM delivery_outbox
            WHERE channel <> 'Plan' AND updated_at >= $since AND substr(session_key, 1, 5) IN (SELECT value FROM json_each($communes))
            GROUP BY commune, channel, status
            """;
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$communes", System.Text.Json.JsonSerializer.Serialize(communeCodes));
        var counts = new List<CommuneDeliveryCount>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts.Add(new CommuneDeliveryCount(reader.GetString(0), Enum.Parse<DeliveryChannel>(reader.GetString(1)),
                Enum.Parse<DeliveryStatus>(reader.GetString(2)), reader.GetInt32(3)));
        }

        return counts;
    }

    public async Task<IReadOnlyList<DeliveryRow>> ListAsync(string sessionKey, DeliveryChannel? channel, int offset, int limit, DeliveryStatus? status = null)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {RowColumns} FROM delivery_outbox
            WHERE session_key = $session AND channel <> 'Plan' AND ($channel IS NULL OR channel = $channel)
              AND ($status IS NULL OR status = $status)
            ORDER BY id LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$session", sessionKey);
        command.Parameters.AddWithValue("$channel", (object?)channel?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", (object?)status?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        return await ReadRowsAsync(command);
    }

    private const string RowColumns = "notice, recipient_id, channel, status, attempts, due_at, next_attempt_at, last_error, provider_id, address, updated_at";

    private static async Task<IReadOnlyList<DeliveryRow>> ReadRowsAsync(SqliteCommand command)
    {
        var rows = new List<DeliveryRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var status = Enum.Parse<DeliveryStatus>(reader.GetString(3));
            rows.Add(new DeliveryRow(
                reader.GetString(0), reader.GetString(1), Enum.Parse<DeliveryChannel>(reader.GetString(2)), status, reader.GetInt32(4),
                Time(reader.GetInt64(5)), status == DeliveryStatus.Pending ? Time(reader.GetInt64(6)) : null,
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetString(9), Time(reader.GetInt64(10))));
        }

        return rows;
    }

    private Task UpdateAsync(string assignments, long id, DateTimeOffset at, params (string Name, object? Value)[] parameters) =>
        _database.Writes.ExecuteAsync($"UPDATE delivery_outbox SET {assignments} WHERE id = $id AND status = 'Pending'",
            [("$id", id), ("$at", at.ToUnixTimeMilliseconds()), .. parameters]);


    private static DateTimeOffset Time(long unixMilliseconds) =>
        VietnamTime.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds));
}
