#!/usr/bin/env bash
# Packs the library (and checks the cosqe tool's readme) and verifies what a package consumer gets:
#  (a) the nupkg carries its readme (PACKAGE.md) and that readme has no relative link (a package page cannot resolve one);
#  (b) the nuspec names the repository URL and the commit;
#  (c) every PDB in the snupkg carries SourceLink JSON that maps the sources to
#      https://raw.githubusercontent.com/<owner>/<repo>/<commit>/* for the commit being built, whatever the clone's remote.
# Usage: bash tests/package/verify-package.sh     (from any directory; needs git, python3 and the .NET SDK)
set -euo pipefail
cd "$(dirname "$0")/../.."

repo_url=https://github.com/cosqualityestimate/CosQualityEstimate
raw_url=https://raw.githubusercontent.com/cosqualityestimate/CosQualityEstimate
commit=$(git rev-parse HEAD)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet pack src/CosQualityEstimate/CosQualityEstimate.csproj -c Release -o "$out" -nologo -v:q >"$out/pack.log" 2>&1 || {
  cat "$out/pack.log" >&2
  exit 1
}

python3 - "$out" "$repo_url" "$raw_url" "$commit" src/CosQualityEstimate.Cli/PACKAGE.md <<'PY'
import glob, json, re, sys, zipfile

out, repo_url, raw_url, commit, cli_readme = sys.argv[1:6]
failures = []

def relative_links(text):
    # Markdown links and images [..](target) and <a href/src>; absolute = a scheme (https:, mailto:) only.
    targets = re.findall(r'\]\(\s*<?([^)\s>]+)', text) + re.findall(r'(?:href|src)\s*=\s*"([^"]+)"', text)
    return [t for t in targets if not re.match(r'^[a-zA-Z][a-zA-Z0-9+.-]*:', t)]

nupkgs = [p for p in glob.glob(out + '/*.nupkg') if not p.endswith('.snupkg')]
snupkgs = glob.glob(out + '/*.snupkg')
if len(nupkgs) != 1 or len(snupkgs) != 1:
    sys.exit(f'expected one .nupkg and one .snupkg in {out}, found {nupkgs + snupkgs}')

with zipfile.ZipFile(nupkgs[0]) as z:
    nuspec = z.read(next(n for n in z.namelist() if n.endswith('.nuspec'))).decode('utf-8')
    readme = re.search(r'<readme>([^<]+)</readme>', nuspec)
    if not readme:
        failures.append('nuspec has no <readme>')
    else:
        name = readme.group(1).replace('\\', '/')
        if name not in z.namelist():
            failures.append(f'readme {name} is not in the package')
        else:
            bad = relative_links(z.read(name).decode('utf-8'))
            if bad:
                failures.append(f'package readme {name} has relative links: {bad}')
            else:
                print(f'readme: {name} in the package, no relative link')
    repo = re.search(r'<repository [^>]*/>', nuspec)
    if not repo or f'url="{repo_url}"' not in repo.group(0) or f'commit="{commit}"' not in repo.group(0):
        failures.append(f'nuspec <repository> should name {repo_url} and commit {commit}: {repo.group(0) if repo else None}')
    else:
        print(f'nuspec: {repo.group(0)}')
    for tag in ('projectUrl', 'releaseNotes'):
        if f'<{tag}>' not in nuspec:
            failures.append(f'nuspec has no <{tag}>')

expected = f'{raw_url}/{commit}/*'
with zipfile.ZipFile(snupkgs[0]) as z:
    pdbs = [n for n in z.namelist() if n.endswith('.pdb')]
    if not pdbs:
        failures.append('snupkg holds no PDB')
    for name in pdbs:
        data = z.read(name)
        if data[:4] != b'BSJB':
            failures.append(f'{name} is not a portable PDB')
            continue
        # The SourceLink custom debug information is stored as its UTF-8 JSON blob.
        start = data.find(b'{"documents":')
        if start < 0:
            failures.append(f'{name} carries no SourceLink information')
            continue
        sourcelink, _ = json.JSONDecoder().raw_decode(data[start:].decode('utf-8', errors='replace'))
        urls = list(sourcelink['documents'].values())
        if expected not in urls:
            failures.append(f'{name}: SourceLink maps to {urls}, expected {expected}')
        else:
            print(f'{name}: SourceLink {sourcelink["documents"]}')

with open(cli_readme, encoding='utf-8') as f:
    bad = relative_links(f.read())
if bad:
    failures.append(f'{cli_readme} (the cosqe package readme) has relative links: {bad}')

if failures:
    print('Package verification FAILED:', *failures, sep='\n  ', file=sys.stderr)
    sys.exit(1)
print('Package verification passed.')
PY
