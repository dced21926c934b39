using NiqeFit;

// Fits NIQE's pristine model. Usage: NiqeFit PHOTO_DIR [OUT]   (fit.sh fetches the photographs and runs this)
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: NiqeFit PHOTO_DIR [OUT]  (photographs from fetch-photos.sh; OUT defaults to the library's Perceptual/Models/niqe_pristine.txt)");
    return 2;
}

var here = AppContext.BaseDirectory;
var root = new DirectoryInfo(here);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "CosQualityEstimate.sln")))
{
    root = root.Parent;
}

if (root is null)
{
    Console.Error.WriteLine("NiqeFit: run it from the repository (CosQualityEstimate.sln not found above " + here + ").");
    return 2;
}

var list = Path.Combine(root.FullName, "tools", "NiqeFit", "photos.txt");
var output = args.Length == 2 ? args[1] : Path.Combine(root.FullName, "src", "CosQualityEstimate.LocalAnalysis", "Perceptual", "Models", "niqe_pristine.txt");
var (model, comments) = PristineFit.Fit(list, args[0], Console.Error);
File.WriteAllText(output, model.Format(comments));
Console.Error.WriteLine($"{model.Patches} patches -> {output}");
return 0;
