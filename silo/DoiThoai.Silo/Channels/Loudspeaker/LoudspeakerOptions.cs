using DoiThoai.Domain.Messaging;

namespace DoiThoai.Silo.Channels.Loudspeaker;

/// <summary>
/// Loudspeaker:Icecast: the head-end of the communes' loudspeaker systems, an Icecast server with a mount per commune
/// that the loudspeaker clusters play. Without a URL the loudspeaker channel is not configured.
/// </summary>
public sealed class LoudspeakerOptions
{
    public const string Section = "Loudspeaker:Icecast";

    /// <summary>The Icecast server, e.g. http://127.0.0.1:8000.</summary>
    public string? Url { get; set; }

    /// <summary>From configuration or the environment (Loudspeaker__Icecast__SourcePassword), never the repository.</summary>
    public string? SourcePassword { get; set; }

    /// <summary>The mount a loudspeaker cluster plays; {code} is the commune's official code, {cluster} the cluster's id.</summary>
    public string MountPattern { get; set; } = "/xa-{code}-{cluster}.mp3";

    public string EspeakPath { get; set; } = "/usr/bin/espeak-ng";

    public string Voice { get; set; } = "vi";

    /// <summary>Words per minute: slower than the default, as announcers read.</summary>
    public int WordsPerMinute { get; set; } = 140;

    public string FfmpegPath { get; set; } = "/usr/bin/ffmpeg";

    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// How late a broadcast may still air after its slot: an announcement is heard at the hour listeners expect it. One
    /// that missed its slot by more (the head-end was down) is dropped with the reason; the next slot carries the news.
    /// </summary>
    public TimeSpan MissedSlotGrace { get; set; } = TimeSpan.FromHours(2);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url) && !string.IsNullOrWhiteSpace(SourcePassword);

    /// <summary>The mount of a broadcast's address, "{commune code}/{cluster id}".</summary>
    public string Mount(string address)
    {
        var parts = address.Split('/', 2);
        return MountPattern
            .Replace("{code}", parts[0], StringComparison.Ordinal)
            .Replace("{cluster}", parts.Length > 1 ? parts[1] : LoudspeakerSystem.WholeCommuneId, StringComparison.Ordinal);
    }
}
