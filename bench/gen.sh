#!/bin/sh
# Generate a valid respmap data set of N items for the benchmarks (bench/).
#
# The data set is synthetic but shaped like a real one, so that the loader
# and the browser meet what they would at scale: a topic tree a few levels
# deep with some topics under two parents, about 40 items a topic, one
# source for every 500 items, a responsibility matrix of 8 layers, field
# lengths like those of the built-in data (items of 50 to 150 bytes, some
# quoted with commas and doubled quotes) and some non-ASCII text (Latin,
# Greek, Cyrillic, CJK, typographic punctuation).
#
# POSIX sh and awk only, and deterministic for a given awk (a fixed seed).
#
# Usage: gen.sh N DIR
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 N DIR" >&2
	exit 2
fi
n=$1
dir=$2
case $n in
''|*[!0-9]*)
	echo "$0: N must be a number" >&2
	exit 2 ;;
esac
if [ "$n" -lt 1000 ]; then
	echo "$0: N must be at least 1000" >&2
	exit 2
fi

mkdir -p "$dir"
# Write into a scratch directory and move the files into place last, so
# that an interrupted run never leaves a data set that looks complete.
tmp="$dir/.gen.$$"
rm -rf "$tmp"
mkdir "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

${AWK:-awk} -v N="$n" -v OUT="$tmp" '
function pick(arr, k) { return arr[int(rand() * k) + 1] }
function csv(s) {
	# Quote a field only when it needs it, as a person would.
	if (s ~ /[",]/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}
function sentence(min, max,    k, i, s, w) {
	k = min + int(rand() * (max - min + 1))
	s = pick(cap, ncap)
	for (i = 2; i <= k; i++) {
		w = pick(word, nword)
		if (rand() < 0.08)
			w = w ","
		s = s " " w
	}
	if (rand() < 0.05)
		s = s " (\"" pick(word, nword) "\")"
	return s
}
function item_id(i) { return idw[i % nidw + 1] "-" i }
BEGIN {
	srand(20240601)
	nword = split("access account activity administrator alert api " \
	    "application archive audit authentication authorization " \
	    "availability backup baseline bucket certificate cluster " \
	    "compliance configuration container control credential data " \
	    "database deletion deployment detection device directory disk " \
	    "encryption endpoint environment event firewall function " \
	    "gateway governance guest hardware host identity image incident " \
	    "infrastructure instance integrity interface key lifecycle log " \
	    "management monitoring network node object operating patch " \
	    "permission physical platform policy private protection provider " \
	    "recovery region replication resource retention role rotation " \
	    "runtime secret security server service session snapshot software " \
	    "storage subnet system tenant threat token traffic update user " \
	    "virtual volume vulnerability workload zone the and of for in " \
	    "on with by to a is are its their each all customers " \
	    "données sécurité Zürich Sicherheitsüberprüfung naïve façade " \
	    "δεδομένα ασφάλεια ключ шифрование 暗号化 数据 — “managed” " \
	    "’s résumé", word, " ")
	ncap = split("Manage Configure Protect Encrypt Monitor Patch Rotate " \
	    "Restrict Review Back up Audit Classify Harden Isolate Grant " \
	    "Revoke Enable Replicate Test Document Sécuriser Überwachen",
	    cap, " ")
	nidw = split("access audit backup config data encrypt firewall " \
	    "identity key log network patch policy role secret storage",
	    idw, " ")
	ngrp = split("Data protection|Identity and access|Network security|" \
	    "Logging and monitoring|Incident response|Resilience|" \
	    "Configuration|Protection des données|Datenschutz", grp, "|")
	nlab = split("Encryption at rest|Encryption in transit|Key management|" \
	    "Access control|Least privilege|Patching|Backups|Retention|" \
	    "Network isolation|Logging|Réseau|Schlüssel", lab, "|")
	nsvc = split("compute storage database analytics network identity " \
	    "container serverless queue stream cache search ml iot edge " \
	    "backup directory dns cdn mail", svc, " ")
	nsvct = split("Compute|Object Storage|Managed Database|Analytics|" \
	    "Virtual Network|Identity Service|Containers|Serverless Functions|" \
	    "Message Queue|Data Streams|In-memory Cache|Search|Machine Learning|" \
	    "IoT Hub|Edge Locations|Backup Vault|Directory|DNS|CDN|Mail " \
	    "Relay", svct, "|")

	T = int(N / 40)		# topics
	S = int(N / 500)	# sources
	if (S < 10) S = 10
	R = 10			# top-level topics, the matrix one among them
	F = 8			# children per topic
	C = int(T / 5)		# matrix columns (service types)
	if (C < 20) C = 20
	if (C > 200) C = 200
	L = 8			# matrix layers
	per = N / T		# items per topic

	f = OUT "/dataset.csv"
	print "key,value" > f
	print "name,Generated cloud — " N " items" > f
	print "provider,Provider" > f
	print "provider_heading,security OF the cloud" > f
	print "customer,Customer" > f
	print "customer_heading,security IN the cloud" > f
	print "description,A synthetic data set for benchmarks (bench/gen.sh)." > f
	print "version,1" > f
	close(f)

	f = OUT "/sources.csv"
	print "id,title,location" > f
	for (s = 0; s < S; s++)
		print "src-" s "," csv("Provider documentation › " \
		    sentence(3, 8)) ",https://docs.example.com/guide/" s \
		    ".html#section-" int(rand() * 40) > f
	close(f)

	# Topics: id, title, parents. Parents always come earlier in the
	# file (there is no cycle), leaves sometimes sit under two.
	firstleaf = int((T - R) / F) + 1
	for (t = 0; t < T; t++) {
		tid[t] = svc[t % nsvc + 1] "-" t
		title[t] = svct[t % nsvct + 1] " " t
		if (t % 17 == 3)
			title[t] = title[t] " — Région Zürich"
		if (t % 29 == 5)
			title[t] = title[t] " (Ασφάλεια)"
	}
	tid[1] = "matrix"
	title[1] = "Responsibility matrix"
	for (t = 0; t < T; t++) {
		par[t] = ""
		if (t >= R) {
			p = int((t - R) / F)
			par[t] = tid[p]
			if (t >= firstleaf && rand() < 0.02) {
				q = int(rand() * firstleaf)
				if (q != p && q >= 0)
					par[t] = par[t] " " tid[q]
			}
		}
	}
	# The service types the matrix has as columns: topics of the second
	# level, which other topics inherit from.
	c0 = R
	f = OUT "/topics.csv"
	print "id,parent,title,short,aliases,layout,inherits,summary,source" > f
	for (t = 0; t < T; t++) {
		alias = ""
		if (t % 3 == 0 && t != 1)
			alias = "a" t
		if (t % 9 == 0 && t != 1)
			alias = alias " alias-" t
		layout = ""
		if (t == 1)
			layout = "matrix"
		else if (t % 20 == 7)
			layout = "list"
		else if (t % 33 == 11)
			layout = "myth"
		inh = ""
		if (t >= c0 + C && t % 10 == 4)
			inh = tid[c0 + t % C]
		short = ""
		if (t >= c0 && t < c0 + C)
			short = "Svc" t
		summary = ""
		if (t == 1)
			summary = "Who holds each layer under each service type."
		else if (rand() < 0.5)
			summary = sentence(12, 40) ". " sentence(6, 20) "."
		print tid[t] "," par[t] "," csv(title[t]) "," short "," alias \
		    "," layout "," inh "," csv(summary) ",src-" t % S > f
	}
	close(f)

	f = OUT "/items.csv"
	print "id,topic,party,group,label,text,source" > f
	for (i = 0; i < N; i++) {
		t = int(i / per)
		r = rand()
		party = r < 0.4 ? "provider" : r < 0.9 ? "customer" : "shared"
		g = rand() < 0.3 ? grp[int(i / 5) % ngrp + 1] : ""
		l = rand() < 0.4 ? lab[int(rand() * nlab) + 1] : ""
		# Mostly the source of the topic, as in a real data set.
		src = rand() < 0.8 ? t % S : int(rand() * S)
		print item_id(i) "," tid[t] "," party "," csv(g) "," csv(l) \
		    "," csv(sentence(4, 14)) ",src-" src > f
	}
	close(f)

	f = OUT "/layers.csv"
	print "id,title,summary,source" > f
	split("facilities|hardware|network|os|runtime|application|data|" \
	    "identity", lid, "|")
	split("Physical facilities|Hardware and hypervisor|" \
	    "Network infrastructure|Operating system|Runtime and platform|" \
	    "Application code|Data|Identity and access", ltitle, "|")
	for (k = 1; k <= L; k++)
		print lid[k] "," ltitle[k] "," csv(sentence(5, 12) ".") \
		    ",src-" k % S > f
	close(f)

	f = OUT "/matrix.csv"
	print "layer,topic,party,cites,note" > f
	for (k = 1; k <= L; k++) {
		for (c = 0; c < C; c++) {
			t = c0 + c
			r = rand()
			party = r < 0.45 ? "provider" : r < 0.85 ? \
			    "customer" : r < 0.97 ? "shared" : "unstated"
			cites = ""
			if (party != "unstated") {
				m = 1 + int(rand() * 3)
				for (j = 0; j < m; j++) {
					it = int(t * per) + int(rand() * per)
					cites = cites (j ? " " : "") item_id(it)
				}
			}
			note = rand() < 0.2 ? sentence(6, 14) "." : ""
			print lid[k] "," tid[t] "," party "," cites "," \
			    csv(note) > f
		}
	}
	close(f)
}'

for f in dataset sources topics items layers matrix; do
	mv "$tmp/$f.csv" "$dir/$f.csv"
done
