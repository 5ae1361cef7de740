#!/usr/bin/env bash
# System packages ipindex's publishing needs, installed from Debian only when missing
# (npm install runs this as postinstall; .ci/run too). Set IPINDEX_SKIP_SYSTEM=1 to skip.
#   fonts-noto-cjk   Chinese text in chart PNGs, PDF and DOCX previews (Noto Sans CJK SC)
#   libnss3 libexpat1  system libraries of the Chromium inside @sparticuz/chromium (PDF)
#   poppler-utils    pdftotext / pdftoppm: the tests read the printed PDF back
# 安装出版功能所需的 Debian 系统软件包（仅在缺失时）：中文字体、Chromium 依赖库、poppler。
set -uo pipefail
[ "${IPINDEX_SKIP_SYSTEM:-}" = "1" ] && exit 0
command -v apt-get >/dev/null 2>&1 || { echo "ipindex setup: not a Debian/Ubuntu system; install a CJK font (Noto Sans CJK SC), NSS and poppler yourself (see README)" >&2; exit 0; }
libs="$(ldconfig -p 2>/dev/null || true)"
pkgs=()
grep -q 'libnss3\.so' <<<"$libs" || pkgs+=(libnss3)
grep -q 'libexpat\.so\.1' <<<"$libs" || pkgs+=(libexpat1)
command -v pdftotext >/dev/null 2>&1 || pkgs+=(poppler-utils)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || pkgs+=(fonts-noto-cjk)
[ ${#pkgs[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ]; then sudo=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
  echo "ipindex setup: please install the Debian packages ${pkgs[*]} (sudo apt-get install -y ${pkgs[*]}): Chinese text in charts and the PDF report need them / 请安装：${pkgs[*]}" >&2
  exit 0
fi
echo "ipindex setup: installing ${pkgs[*]} from Debian / 正在安装系统软件包：${pkgs[*]}" >&2
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}"; }; then
  echo "ipindex setup: apt-get could not install ${pkgs[*]}; charts in Chinese and the PDF report need them" >&2
  [ "${IPINDEX_SYSTEM_REQUIRED:-}" = "1" ] && exit 1
fi
exit 0
