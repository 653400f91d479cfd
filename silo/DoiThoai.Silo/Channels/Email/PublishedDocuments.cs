using System.Collections.Concurrent;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Delivery;

namespace DoiThoai.Silo.Channels.Email;

/// <summary>
/// The documents an e-mail attaches by name (<see cref="OutboxMessage.Document"/>), fetched from the session that published
/// them. A published document never changes, so the last few are kept: a fan-out of 200 e-mails asks once.
/// </summary>
public sealed class PublishedDocuments(IGrainFactory grains)
{
    private const int Kept = 16;
    private readonly ConcurrentDictionary<(string Session, string Document), Attachment> _kept = new();

    /// <summary>A file to attach: its bytes, name and MIME type.</summary>
    public sealed record Attachment(byte[] Bytes, string FileName, string MediaType, string MediaSubtype);

    /// <summary>The document, or null when the session has not published it (the message then waits and is tried again).</summary>
    public async Task<Attachment?> GetAsync(string sessionKey, string document)
    {
        if (_kept.TryGetValue((sessionKey, document), out var kept))
        {
            return kept;
        }

        if (document != PublishedDocument.ConclusionNotice)
        {
            throw new ArgumentException($"Unknown published document '{document}'.", nameof(document));
        }

        var pdf = await grains.GetGrain<ISessionResultsGrain>(sessionKey).GetPublishedNoticeAsync();
        if (pdf is null)
        {
            return null;
        }

        if (_kept.Count >= Kept)
        {
            _kept.Clear();
        }

        var (commune, session) = Grains.Abstractions.Delivery.SessionNoticeKey.Split(sessionKey);
        return _kept[(sessionKey, document)] = new Attachment(pdf, $"thong-bao-ket-luan-{commune}-{session}.pdf", "application", "pdf");
    }
}
