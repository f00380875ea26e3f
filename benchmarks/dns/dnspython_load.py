"""Sequential lookups with dnspython (Debian python3-dnspython), no cache: the reference for ResolverLoad.

Usage: /usr/bin/python3 dnspython_load.py 127.0.0.1 PORT LOOKUPS
Asks the same questions, in the same order, as io.github.smtplab.benchmarks.dns.ResolverLoad.
"""
import sys
import time

import dns.resolver

QUESTIONS = [("example.com.", "MX"), ("mx.example.com.", "A"), ("mx.example.com.", "AAAA"),
             ("example.com.", "TXT"), ("_dmarc.example.com.", "TXT"),
             ("test._domainkey.football.example.com.", "TXT")]


def run(resolver, count):
    failures = 0
    for i in range(count):
        name, rdtype = QUESTIONS[i % len(QUESTIONS)]
        try:
            resolver.resolve(name, rdtype, search=False)
        except Exception:  # NXDOMAIN, NoAnswer, timeout: counted, not fatal
            failures += 1
    return failures


def main():
    host, port, lookups = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [host]
    resolver.port = port
    resolver.cache = None
    resolver.lifetime = 2.0
    resolver.use_edns(0, 0, 1232)
    run(resolver, max(500, lookups // 10))
    start = time.perf_counter()
    failures = run(resolver, lookups)
    seconds = time.perf_counter() - start
    print("dnspython lookups/s %.0f (lookups %d, failures %d)" % (lookups / seconds, lookups, failures))


if __name__ == "__main__":
    main()
