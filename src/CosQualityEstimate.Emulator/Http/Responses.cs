using System.Text;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Http;

/// <summary>Builds XML responses with the library's wire types (written by <see cref="ResponseXmlWriter"/>).</summary>
internal static class Responses
{
    internal const string XmlContentType = "application/xml";

    internal static EmulatorResponse Ok(JobsResponseXml body) => new(200, XmlContentType, ResponseXmlWriter.Write(body));

    internal static EmulatorResponse Error(int status, string code, string message, string requestId) =>
        new(status, XmlContentType, ResponseXmlWriter.Write(new ErrorXml
        {
            Code = code,
            Message = message,
            RequestId = requestId,
            TraceId = "trace-" + requestId,
        }));

    internal static EmulatorResponse Html(int status) =>
        new(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(
            $"<html><head><title>{status} Gateway Error</title></head><body><center><h1>{status} Gateway Error</h1></center><hr><center>emulated gateway</center></body></html>"));
}
