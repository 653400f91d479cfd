using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DoiThoai.Silo.Delivery;

/// <summary>
/// The delivery outbox of the production cluster (table delivery_outbox, infra/postgres/migrations/0003), shared by
/// every silo: each claims due messages with FOR UPDATE SKIP LOCKED, so two silos never hold the same message, and a
/// message a dead silo held is claimed again once its lease has run out. While the database is away it throws
/// <see cref="DoiThoai.Grains.Abstractions.Storage.StorageUnavailableException"/>.
/// </summary>
public sealed class PostgresDeliveryOutbox(NpgsqlDataSource dataSource) : IDeliveryOutbox
{
    private const string Columns = "id, session_key, notice, recipient_id, channel, due_at, address, body, subject, attachment, attempts, document";

    public Task<int> EnqueueAsync(IReadOnlyList<OutboxMessage> messages) => messages.Count == 0 ? Task.FromResult(0) : PostgresFailure.GuardAsync(async () =>
    {
        // One statement for the whole plan: arrays of the columns, unnested into rows.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO delivery_outbox (session_key, notice, recipient_id, channel, due_at, address, body, subject, attachment, document, next_attempt_at)
            SELECT s, n, r, c, d, a, b, sub, att, doc, d
            FROM unnest(@session, @notice, @recipient, @channel, @due, @address, @body, @subject, @attachment, @document) AS m(s, n, r, c, d, a, b, sub, att, doc)
            ON CONFLICT (session_key, notice, recipient_id, channel) DO NOTHING
            """);
        command.Parameters.AddWithValue("session", messages.Select(m => m.SessionKey).ToArray());
        command.Parameters.AddWithValue("notice", messages.Select(m => m.Notice).ToArray());
        command.Parameters.AddWithValue("recipient", messages.Select(m => m.RecipientId).ToArray());
        command.Parameters.AddWithValue("channel", messages.Select(m => m.Channel.ToString()).ToArray());
        command.Parameters.AddWithValue("due", messages.Select(m => m.DueAt.UtcDateTime).ToArray());
        command.Parameters.AddWithValue("address", messages.Select(m => m.Address).ToArray());
        command.Parameters.AddWithValue("body", messages.Select(m => m.Body).ToArray());
        command.Parameters.Add(new NpgsqlParameter("subject", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => m.Subject).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("attachment", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => m.Attachment).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("document", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => m.Document).ToArray() });
        return await command.ExecuteNonQueryAsync();
    });

    public Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(DeliveryChannel channel, DateTimeOffset now, int max, TimeSpan lease, string owner) =>
        PostgresFailure.GuardAsync<IReadOnlyList<ClaimedMessage>>(async () =>
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE delivery_outbox SET lease_until = @until, lease_owner = @owner, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM delivery_outbox
                WHERE channel = @channel AND status = 'Pending' AND next_attempt_at <= @now AND lease_until < @now
                ORDER BY next_attempt_at LIMIT @max
                FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("until", (now + lease).UtcDateTime);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("channel", channel.ToString());
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("max", max);
        var claimed = new List<ClaimedMessage>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var message = new OutboxMessage(
                reader.GetString(1), reader.GetString(2), reader.GetString(3), Enum.Parse<DeliveryChannel>(reader.GetString(4)),
                Time(reader, 5), reader.GetString(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(11) ? null : reader.GetString(11));
            claimed.Add(new ClaimedMessage(reader.GetInt64(0), message, reader.GetInt32(10)));
        }

        return [.. claimed.OrderBy(c => c.Message.DueAt)];
    });

    // As in the embedded outbox: only a message still pending moves, so "sent" never overwrites "delivered".
    public Task MarkSentAsync(long id, string? providerId, DateTimeOffset at) => UpdateAsync(
        "status = 'Sent', provider_id = @provider, last_error = NULL, lease_until = '-infinity'", id, at, ("provider", providerId));

    public Task MarkSentAsync(IReadOnlyCollection<long> ids, string? providerId, DateTimeOffset at) => ExecuteAsync("""
        UPDATE delivery_outbox SET status = 'Sent', provider_id = @provider, last_error = NULL, lease_until = '-infinity', updated_at = @at
        WHERE id = ANY (@ids) AND status = 'Pending'
        """, ("ids", ids.ToArray()), ("provider", providerId), ("at", at.UtcDateTime));

    public async Task<DateTimeOffset?> NextDueAsync(DeliveryChannel channel, DateTimeOffset after, DateTimeOffset by) =>
        (await QueryAsync("""
            SELECT MIN(next_attempt_at) FROM delivery_outbox
            WHERE channel = @channel AND status = 'Pending' AND next_attempt_at > @after AND next_attempt_at <= @by
            """,
            reader => reader.IsDBNull(0) ? (DateTimeOffset?)null : Time(reader, 0),
            ("channel", channel.ToString()), ("after", after.UtcDateTime), ("by", by.UtcDateTime)))[0];

    public Task MarkRetryAsync(long id, string error, DateTimeOffset nextAttempt, DateTimeOffset at) => UpdateAsync(
        "last_error = @error, next_attempt_at = @next, lease_until = '-infinity'", id, at, ("error", error), ("next", nextAttempt.UtcDateTime));

    public Task MarkFailedAsync(long id, string error, DateTimeOffset at) => UpdateAsync(
        "status = 'Failed', last_error = @error, lease_until = '-infinity'", id, at, ("error", error));

    public Task<int> NoteWaitingAsync(DeliveryChannel channel, string reason, DateTimeOffset now) => ExecuteAsync("""
        UPDATE delivery_outbox SET last_error = @reason, updated_at = @now
        WHERE channel = @channel AND status = 'Pending' AND next_attempt_at <= @now AND last_error IS DISTINCT FROM @reason
        """, ("reason", reason), ("now", now.UtcDateTime), ("channel", channel.ToString()));

    public async Task<bool> RecordReceiptAsync(string sessionKey, string notice, string recipientId, DeliveryChannel channel, DeliveryStatus status, string? detail, DateTimeOffset at) =>
        await ExecuteAsync("""
            UPDATE delivery_outbox
            SET status = CASE WHEN status = 'Delivered' THEN status ELSE @status END,
                last_error = CASE WHEN @status = 'Failed' AND status <> 'Delivered' THEN @detail ELSE last_error END,
                updated_at = @at
            WHERE session_key = @session AND notice = @notice AND recipient_id = @recipient AND channel = @channel
              AND (status = 'Sent' OR status = 'Pending' AND attempts > 0)
            """,
            ("status", status.ToString()), ("detail", detail), ("at", at.UtcDateTime),
            ("session", sessionKey), ("notice", notice), ("recipient", recipientId), ("channel", channel.ToString())) == 1;

    // SKIP LOCKED: two reports for one phone at once (two messages of the notice to it) each take a message of their own.
    public async Task<bool> RecordReceiptForAddressAsync(string sessionKey, string notice, long firstId, long lastId, string address, DeliveryChannel channel,
        DeliveryStatus status, string? detail, DateTimeOffset at) =>
        await ExecuteAsync("""
            UPDATE delivery_outbox
            SET status = @status, last_error = CASE WHEN @status = 'Failed' THEN @detail ELSE last_error END, updated_at = @at
            WHERE id = (
                SELECT id FROM delivery_outbox
                WHERE id BETWEEN @first AND @last AND session_key = @session AND notice = @notice AND channel = @channel AND address = @address
                  AND (status = 'Sent' OR status = 'Pending' AND attempts > 0)
                ORDER BY id LIMIT 1
                FOR UPDATE SKIP LOCKED)
            """,
            ("status", status.ToString()), ("detail", detail), ("at", at.UtcDateTime), ("first", firstId), ("last", lastId),
            ("session", sessionKey), ("notice", notice), ("channel", channel.ToString()), ("address", address)) == 1;

    public Task<int> CancelPendingAsync(string sessionKey, IReadOnlyCollection<string> exceptNotices, string reason, DateTimeOffset at, DateTimeOffset? dueBefore = null) => ExecuteAsync("""
        UPDATE delivery_outbox SET status = 'Cancelled', last_error = @reason, updated_at = @at
        WHERE session_key = @session AND status = 'Pending' AND channel <> 'Plan' AND NOT (notice = ANY (@except)) AND due_at < @before
        """, ("reason", reason), ("at", at.UtcDateTime), ("session", sessionKey), ("except", exceptNotices.ToArray()),
        ("before", (dueBefore ?? DateTimeOffset.MaxValue).UtcDateTime));

    public async Task<IReadOnlyList<(string RecipientId, DeliveryChannel Channel)>> ToldAsync(string sessionKey) =>
        await QueryAsync("""
            SELECT DISTINCT recipient_id, channel FROM delivery_outbox
            WHERE session_key = @session AND channel <> 'Plan' AND status IN ('Sent', 'Delivered')
            """, reader => (reader.GetString(0), Enum.Parse<DeliveryChannel>(reader.GetString(1))), ("session", sessionKey));

    public async Task<IReadOnlyList<DeliveryCount>> CountAsync(string sessionKey, IReadOnlyCollection<string>? notices = null) =>
        await QueryAsync("""
            SELECT channel, status, count(*)::int FROM delivery_outbox
            WHERE session_key = @session AND channel <> 'Plan' AND (@all OR notice = ANY (@notices))
            GROUP BY channel, status
            """,
            reader => new DeliveryCount(Enum.Parse<DeliveryChannel>(reader.GetString(0)), Enum.Parse<DeliveryStatus>(reader.GetString(1)), reader.GetInt32(2)),
            ("session", sessionKey), ("all", notices is null), ("notices", notices?.ToArray() ?? []));

    public async Task<IReadOnlyList<LegacyPlanRow>> LegacyPlanRowsAsync(int max) =>
        await QueryAsync("SELECT id, session_key, notice, status, due_at FROM delivery_outbox WHERE channel = 'Plan' ORDER BY due_at, id LIMIT @max",
            reader => new LegacyPlanRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Enum.Parse<DeliveryStatus>(reader.GetString(3)), Time(reader, 4)),
            ("max", max));

    public Task DeleteLegacyPlanRowsAsync(IReadOnlyCollection<long> ids) =>
        ExecuteAsync("DELETE FROM delivery_outbox WHERE channel = 'Plan' AND id = ANY (@ids)", ("ids", ids.ToArray()));

    public async Task<IReadOnlyList<DeliveryBacklog>> BacklogAsync(DateTimeOffset now) =>
        await QueryAsync("""
            SELECT channel, count(*)::int, min(next_attempt_at) FROM delivery_outbox
            WHERE status = 'Pending' AND next_attempt_at <= @now AND channel <> 'Plan'
            GROUP BY channel
            """,
            reader => new DeliveryBacklog(Enum.Parse<DeliveryChannel>(reader.GetString(0)), reader.GetInt32(1), Time(reader, 2)),
            ("now", now.UtcDateTime));

    public async Task<IReadOnlyList<CommuneDeliveryCount>> CountByCommuneAsync(IReadOnlyCollection<string> communeCodes, DateTimeOffset since) =>
        await QueryAsync("""
            SELECT commune_code, channel, status, count(*)::int FROM delivery_outbox
            WHERE commune_code = ANY (@communes) AND updated_at >= @since AND channel <> 'Plan'
            GROUP BY commune_code, channel, status
            """,
            reader => new CommuneDeliveryCount(reader.GetString(0), Enum.Parse<DeliveryChannel>(reader.GetString(1)),
                Enum.Parse<DeliveryStatus>(reader.GetString(2)), reader.GetInt32(3)),
            ("communes", communeCodes.ToArray()), ("since", since.UtcDateTime));

    public async Task<IReadOnlyList<DeliveryRow>> ListAsync(string sessionKey, DeliveryChannel? channel, int offset, int limit, DeliveryStatus? status = null) =>
        await QueryAsync($"""
            SELECT {RowColumns} FROM delivery_outbox
            WHERE session_key = @session AND channel <> 'Plan' AND (@channel::text IS NULL OR channel = @channel)
              AND (@status::text IS NULL OR status = @status)
            ORDER BY id LIMIT @limit OFFSET @offset
            """,
            ReadRow, ("session", sessionKey), ("channel", channel?.ToString()), ("status", status?.ToString()), ("limit", limit), ("offset", offset));

    public Task<int> CancelForRecipientAsync(string communeCode, string recipientId, DeliveryChannel? channel, string reason, DateTimeOffset at) =>
        ExecuteAsync($"""
            UPDATE delivery_outbox SET status = 'Cancelled', last_error = @reason, updated_at = @at
            WHERE {OfRecipient} AND status = 'Pending' AND (@channel::text IS NULL OR channel = @channel)
            """,
            ("commune", communeCode), ("recipient", recipientId), ("reason", reason), ("at", at.UtcDateTime), ("channel", channel?.ToString()));

    public Task<int> EraseRecipientAsync(string communeCode, string recipientId, DateTimeOffset at) =>
        ExecuteAsync($"""
            UPDATE delivery_outbox SET address = '', body = '', subject = NULL, attachment = NULL, updated_at = @at
            WHERE {OfRecipient}
            """,
            ("commune", communeCode), ("recipient", recipientId), ("at", at.UtcDateTime));

    public async Task<IReadOnlyList<DeliveryRow>> ListForRecipientAsync(string communeCode, string recipientId) =>
        await QueryAsync($"SELECT {RowColumns} FROM delivery_outbox WHERE {OfRecipient} ORDER BY id",
            ReadRow, ("commune", communeCode), ("recipient", recipientId));

    /// <summary>One person's messages: the recipient, in any session of the commune.</summary>
    private const string OfRecipient = "commune_code = @commune AND recipient_id = @recipient AND channel <> 'Plan'";

    private const string RowColumns = "notice, recipient_id, channel, status, attempts, due_at, next_attempt_at, last_error, provider_id, address, updated_at";

    private static DeliveryRow ReadRow(NpgsqlDataReader reader)
    {
        var status = Enum.Parse<DeliveryStatus>(reader.GetString(3));
        return new DeliveryRow(
            reader.GetString(0), reader.GetString(1), Enum.Parse<DeliveryChannel>(reader.GetString(2)), status, reader.GetInt32(4),
            Time(reader, 5), status == DeliveryStatus.Pending ? Time(reader, 6) : null,
            reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.GetString(9), Time(reader, 10));
    }

    private Task UpdateAsync(string assignments, long id, DateTimeOffset at, params (string Name, object? Value)[] parameters) =>
        ExecuteAsync($"UPDATE delivery_outbox SET {assignments}, updated_at = @at WHERE id = @id AND status = 'Pending'",
            [("id", id), ("at", at.UtcDateTime), .. parameters]);

    private Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) => PostgresFailure.GuardAsync(async () =>
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync();
    });

    private Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object? Value)[] parameters) =>
        PostgresFailure.GuardAsync(async () =>
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    });

    private NpgsqlCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is null
                ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value }
                : new NpgsqlParameter(name, value));
        }

        return command;
    }

    private static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) =>
        VietnamTime.ToLocal(reader.GetFieldValue<DateTimeOffset>(ordinal));
}
