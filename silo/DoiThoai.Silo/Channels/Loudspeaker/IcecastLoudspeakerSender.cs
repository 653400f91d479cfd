using System.Diagnostics;
using System.Globalization;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using Microsoft.Extensions.Options;

namespace DoiThoai.Silo.Channels.Loudspeaker;

/// <summary>
/// Broadcasts an announcement on a commune's loudspeakers: the script is spoken in Vietnamese by espeak-ng, and ffmpeg,
/// as an Icecast source client, streams it in real time to the mount of one loudspeaker cluster (cụm loa), which its
/// receivers play. The message's address is "{commune code}/{cluster id}". A busy mount or an unreachable head-end is
/// transient; a broadcast that has missed its slot by more than <see cref="LoudspeakerOptions.MissedSlotGrace"/> is
/// dropped rather than aired late, back to back with the others the outage held up.
/// </summary>
public sealed class IcecastLoudspeakerSender(
    IOptions<LoudspeakerOptions> options,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider clock) : IChannelSender
{
    public DeliveryChannel Channel => DeliveryChannel.Loudspeaker;

    public int MaxConcurrency => Math.Max(1, options.Value.MaxConcurrency);

    public string? NotConfigured => options.Value.IsConfigured ? null
        : "Kênh loa truyền thanh chưa được cấu hình (Loudspeaker:Icecast:Url, SourcePassword).";

    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (clock.GetUtcNow() - message.DueAt > settings.MissedSlotGrace)
        {
            return SendOutcome.Fail($"Không phát: đã quá giờ phát ({Domain.Calendar.VietnamTime.Format(message.DueAt)}) hơn {settings.MissedSlotGrace.TotalHours:0.#} giờ; các lượt phát sau vẫn phát.");
        }

        var speech = Path.Combine(Path.GetTempPath(), $"doithoai-loa-{Guid.NewGuid():N}.wav");
        try
        {
            var spoken = await RunAsync(settings.EspeakPath,
                ["-v", settings.Voice, "-s", settings.WordsPerMinute.ToString(CultureInfo.InvariantCulture), "-w", speech, "--stdin"],
                message.Body, cancellationToken);
            if (spoken.ExitCode != 0)
            {
                return SendOutcome.Retry($"espeak-ng không đọc được bản tin: {spoken.Error}");
            }

            var server = new Uri(settings.Url!);
            var target = $"icecast://source:{Uri.EscapeDataString(settings.SourcePassword!)}@{server.Host}:{server.Port}{settings.Mount(message.Address)}";
            var streamed = await RunAsync(settings.FfmpegPath,
                ["-hide_banner", "-loglevel", "error", "-re", "-i", speech, "-c:a", "libmp3lame", "-b:a", "64k",
                 "-content_type", "audio/mpeg", "-ice_name", $"Loa truyền thanh {message.Address.Replace('/', ' ')}", "-f", "mp3", target],
                null, cancellationToken);
            return streamed.ExitCode == 0
                ? SendOutcome.Ok($"icecast{settings.Mount(message.Address)}")
                : SendOutcome.Retry($"Không phát được lên {server.Host}:{server.Port}{settings.Mount(message.Address)}: {streamed.Error}");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return SendOutcome.Retry($"Thiếu công cụ phát thanh (espeak-ng, ffmpeg): {error.Message}");
        }
        finally
        {
            File.Delete(speech);
        }
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string program, string[] arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        var text = (await error).Trim();
        return (process.ExitCode, text.Length <= 300 ? text : text[..300]);
    }
}
