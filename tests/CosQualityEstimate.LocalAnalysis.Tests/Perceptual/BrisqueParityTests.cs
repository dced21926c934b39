using System.Security.Cryptography;
using CosQualityEstimate.LocalAnalysis.Perceptual;
using OpenCvSharp;
using OpenCvSharp.Quality;
using Xunit.Abstractions;

namespace CosQualityEstimate.LocalAnalysis.Tests.Perceptual;

/// <summary>
/// Our BRISQUE against OpenCV's (OpenCvSharp4's <c>QualityBRISQUE</c>, the contrib quality module, given the same
/// model files) on real pictures: corpus frames and photographs.
/// </summary>
public sealed class BrisqueParityTests(ITestOutputHelper output)
{
    /// <summary>Largest score difference allowed (0–100 scale). Both sides work in single precision with the same
    /// order of operations in the 7×7 blur (row filter k = 0…6 by fused multiply-add, column filter centre first, then
    /// mirrored pairs); they still differ in the order of the resize and total sums. In bright smooth areas the local
    /// variance E[I²] − μ² is a difference of nearly equal floats, so one rounding there moves σ noticeably: the largest
    /// difference measured on the pictures below is 0.04.</summary>
    public const double Tolerance = 0.1;

    public static TheoryData<string, double> Frames => new()
    {
        { "vtest.avi", 2 }, { "box.mp4", 1 }, { "cup.mp4", 2 }, { "Megamind.avi", 8 }, { "tree.avi", 3 },
    };

    public static TheoryData<string, int> Photos => new()
    {
        { "usr/share/backgrounds/mate/nature/Dune.jpg", 1280 },
        { "usr/share/backgrounds/mate/nature/Wood.jpg", 1279 },
        { "usr/share/wallpapers/Grey/contents/images/1280x1024.jpg", 853 },
        { "usr/share/backgrounds/mate/nature/TwoWings.jpg", 640 },
    };

    [PerceptualTheory]
    [MemberData(nameof(Frames))]
    public void Score_CorpusFrame_MatchesOpenCv(string clip, double seconds) =>
        AssertParity(PerceptualPictures.Frame(PerceptualPictures.Clip(clip), seconds));

    [PerceptualTheory]
    [MemberData(nameof(Photos))]
    public void Score_Photograph_MatchesOpenCv(string photo, int width) =>
        AssertParity(PerceptualPictures.Photo(photo, width));

    [PerceptualFact]
    public void Score_DegradedPhotograph_MatchesOpenCv()
    {
        var photo = PerceptualPictures.Photo("usr/share/backgrounds/mate/nature/Storm.jpg", 1280);
        AssertParity(PerceptualPictures.Filtered(photo, "gblur=sigma=3", "blur 3"));
        AssertParity(PerceptualPictures.Filtered(photo, "noise=alls=24:allf=u", "noise 24"));
        AssertParity(PerceptualPictures.Jpeg(photo, 25));
    }

    [Fact]
    public void EmbeddedModel_IsDebiansFile()
    {
        // Debian opencv-data 4.6.0+dfsg-12, /usr/share/opencv4/quality/ (Perceptual/Models/README.md).
        Assert.Equal("4c44c7eec9e5139830c0bb0e4a044c9cd351ba5bbc9e3798beca3243e2782ff4", Sha256(BrisqueModel.Resource("brisque_model_live.yml")));
        Assert.Equal("a18427f4f7ad087524bd0d63389649a3899b51ca6d44a4d5f8d8171f1f914a9c", Sha256(BrisqueModel.Resource("brisque_range_live.yml")));
        var model = BrisqueModel.LiveModel;
        Assert.Equal(774, model.Alpha.Length);
        Assert.Equal(774 * 36, model.SupportVectors.Length);
        Assert.Equal(0.05, model.Gamma, 12);
        Assert.Equal(-149.63506109127357, model.Rho, 10);
    }

    private void AssertParity(GrayPicture picture)
    {
        var ours = Brisque.Score(picture.Pixels, picture.Width, picture.Height, picture.Width);
        var theirs = OpenCvScore(picture);
        output.WriteLine($"{picture.Name} {picture.Width}x{picture.Height}: ours {ours:F4}, OpenCV {theirs:F4}, difference {Math.Abs(ours - theirs):F4}");
        Assert.InRange(Math.Abs(ours - theirs), 0, Tolerance);
    }

    internal static double OpenCvScore(GrayPicture picture)
    {
        using var mat = Mat.FromPixelData(picture.Height, picture.Width, MatType.CV_8UC1, picture.Pixels);
        using var brisque = QualityBRISQUE.Create(ModelFiles.Model, ModelFiles.Range);
        return brisque.Compute(mat).Val0;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}

/// <summary>The embedded model files written once to a temporary folder for OpenCV (it reads paths).</summary>
internal static class ModelFiles
{
    private static readonly Lazy<(string Model, string Range)> Files = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "cosqe-brisque-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var model = Path.Combine(dir, "brisque_model_live.yml");
        var range = Path.Combine(dir, "brisque_range_live.yml");
        File.WriteAllText(model, BrisqueModel.Resource("brisque_model_live.yml"));
        File.WriteAllText(range, BrisqueModel.Resource("brisque_range_live.yml"));
        return (model, range);
    });

    public static string Model => Files.Value.Model;

    public static string Range => Files.Value.Range;
}
