#!/bin/sh
# Generate a hostile respmap data set of size K for the benchmarks: every
# pattern that once made the loader quadratic, K times over, so that
# loading twice the size must take about twice the time.
#
#   sources.csv  K sources, then K duplicates of the last one
#   topics.csv   a chain of K topics listed child first (the tree's depth
#                and size are worked out in passes over the topics), and
#                a topic under some thousands of parents
#   layers.csv   K/50 layers, then K/50 duplicates of the last one
#   matrix.csv   every cell of K/50 layers by 50 topics, then K second
#                cells for those (each a problem)
#
# The data set has problems (respmap --check exits 1): what is measured is
# how long finding them all takes. POSIX sh and awk only.
#
# Usage: gen-hostile.sh K DIR
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 K DIR" >&2
	exit 2
fi
k=$1
dir=$2
case $k in
''|*[!0-9]*)
	echo "$0: K must be a number" >&2
	exit 2 ;;
esac
if [ "$k" -lt 100 ]; then
	echo "$0: K must be at least 100" >&2
	exit 2
fi

mkdir -p "$dir"
tmp="$dir/.gen.$$"
rm -rf "$tmp"
mkdir "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

${AWK:-awk} -v K="$k" -v OUT="$tmp" '
BEGIN {
	L = int(K / 50)		# layers
	P = K < 8000 ? K : 8000	# parents of one topic: within a field

	f = OUT "/dataset.csv"
	print "key,value" > f
	print "name,Hostile " K > f
	print "provider,P" > f
	print "provider_heading,of the cloud" > f
	print "customer,C" > f
	print "customer_heading,in the cloud" > f
	close(f)

	f = OUT "/sources.csv"
	print "id,title" > f
	for (i = 0; i < K; i++)
		print "s" i ",Source " i > f
	for (i = 0; i < K; i++)
		print "s" (K - 1) ",Again" > f
	close(f)

	f = OUT "/topics.csv"
	print "id,parent,title,layout,source" > f
	print "matrix,,Matrix,matrix,s0" > f
	for (i = 0; i < K - 1; i++)
		print "c" i ",c" (i + 1) ",Chain " i ",,s0" > f
	print "c" (K - 1) ",,Chain " (K - 1) ",,s0" > f
	for (i = 0; i < 50; i++)
		print "m" i ",,Column " i ",,s0" > f
	for (i = 0; i < P; i++)
		print "p" i ",,Parent " i ",,s0" > f
	line = "wide,"
	for (i = 0; i < P; i++)
		line = line (i ? " " : "") "p" i
	print line ",Wide,,s0" > f
	close(f)

	f = OUT "/items.csv"
	print "id,topic,party,text,source" > f
	for (i = 0; i < 50; i++)
		print "i" i ",m" i ",provider,Item " i ",s0" > f
	close(f)

	f = OUT "/layers.csv"
	print "id,title,source" > f
	for (i = 0; i < L; i++)
		print "l" i ",Layer " i ",s0" > f
	for (i = 0; i < L; i++)
		print "l" (L - 1) ",Again,s0" > f
	close(f)

	f = OUT "/matrix.csv"
	print "layer,topic,party,cites" > f
	for (i = 0; i < L; i++)
		for (j = 0; j < 50; j++)
			print "l" i ",m" j ",provider,i" j > f
	for (i = 0; i < K; i++)
		print "l" (L - 1 - i % L) ",m" (i % 50) ",customer,i0" > f
	close(f)
}'

for f in dataset sources topics items layers matrix; do
	mv "$tmp/$f.csv" "$dir/$f.csv"
done
