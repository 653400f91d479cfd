using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DoiThoai.Domain.Calendar;

namespace DoiThoai.Api.Infrastructure;

/// <summary>
/// The JSON contract: camelCase fields, enums as kebab-case words ("in-person", "working"), required fields
/// really required, unknown fields refused, and moments only with an explicit offset.
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new OffsetRequiredConverter());
        options.Converters.Add(new BoundedDateConverter());
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = 16;
    }

    /// <summary>
    /// Moments are written in Vietnam time (+07:00), the clock every reader of this API lives by.
    /// A moment without an offset ("2026-12-01T08:00") is ambiguous and refused: the offset says whose clock it is
    /// (Vietnam: +07:00).
    /// </summary>
    private sealed class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is null || !HasOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                throw new InputException("Thời điểm phải theo ISO 8601 và có múi giờ, ví dụ 2026-12-01T08:00:00+07:00.");
            }

            return ApiDates.InRange(value) ? value : throw new InputException($"Thời điểm phải {ApiDates.Range}.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(VietnamTime.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

        private static bool HasOffset(string text)
        {
            var timeStart = text.IndexOf('T', StringComparison.Ordinal);
            if (timeStart < 0)
            {
                return false;
            }

            var time = text.AsSpan(timeStart);
            return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.Contains('+') || time.Contains('-');
        }
    }

    /// <summary>A day (yyyy-MM-dd), within the range every date of the API keeps to.</summary>
    private sealed class BoundedDateConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new InputException("Ngày phải có dạng yyyy-MM-dd, ví dụ 2026-12-01.");
            }

            return ApiDates.InRange(day) ? day : throw new InputException($"Ngày phải {ApiDates.Range}.");
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>A value refused with the API's own words, which the 400 answer quotes as they are.</summary>
    public sealed class InputException(string message) : JsonException(message);
}
