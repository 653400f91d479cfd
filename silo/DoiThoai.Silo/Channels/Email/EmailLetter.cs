using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DoiThoai.Domain.AdminUnits;

namespace DoiThoai.Silo.Channels.Email;

/// <summary>
/// The HTML part of an e-mail: the plain text laid out as an administrative letter (the issuing committee and the
/// national motto side by side, the title, the paragraphs), as the giấy mời is printed. Inline styles only, no
/// image, link or font fetched from elsewhere: mail clients block remote content, and nothing should reveal who
/// opened the letter. Written by hand: it is a few lines of markup around HTML-encoded text, which no templating
/// library would make shorter.
/// </summary>
public static class EmailLetter
{
    public static string Html(string text, string? issuer, string? title)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head>")
            .Append("<body style=\"margin:0;padding:16px;background:#ffffff;color:#111111;font-family:'Times New Roman',Times,serif;font-size:16px;line-height:1.5\">")
            .Append("<div style=\"max-width:680px;margin:0 auto\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse\"><tr>")
            .Append("<td style=\"width:42%;text-align:center;vertical-align:top;font-size:14px\">");
        if (issuer is not null)
        {
            html.Append("ỦY BAN NHÂN DÂN<br><strong>").Append(Encode(issuer)).Append("</strong>");
        }

        html.Append("</td><td style=\"text-align:center;vertical-align:top;font-size:14px\">")
            .Append("<strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><strong style=\"text-decoration:underline\">Độc lập - Tự do - Hạnh phúc</strong>")
            .Append("</td></tr></table>");
        if (title is not null)
        {
            html.Append("<h1 style=\"margin:24px 0 16px;text-align:center;font-size:20px\">").Append(Encode(title)).Append("</h1>");
        }

        foreach (var paragraph in Paragraphs(text))
        {
            html.Append("<p style=\"margin:0 0 12px\">").Append(string.Join("<br>", paragraph.Select(Encode))).Append("</p>");
        }

        return html.Append("</div></body></html>").ToString();
    }

    /// <summary>The committee that issues a message, from the unit its key begins with ("{commune}/…" or "{province}/…").</summary>
    public static string? IssuerOf(string messageKey, AdminUnitRegistry units)
    {
        var code = messageKey.Split('/')[0];
        return units.FindCommune(code) is { } commune ? UnitNames.Upper(UnitNames.InSentence(commune.Name))
            : units.FindProvince(code) is { } province ? UnitNames.Upper(province.Name)
            : null;
    }

    private static IEnumerable<List<string>> Paragraphs(string text)
    {
        var current = new List<string>();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0)
                {
                    yield return current;
                    current = [];
                }
            }
            else
            {
                current.Add(line);
            }
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    // Vietnamese letters stay as they are (the part is UTF-8); only what HTML gives a meaning to is escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string text) => Encoder.Encode(text);
}
