#!/usr/bin/env python3
"""One demo person signs in, then GETs a page (as HTML, with the session cookie) 50 times to warm up and n times timed
on one keep-alive connection; prints the median and p90 in ms. Usage: pagetime.py PORT PERSON PATH N (PERSON: rivera, ...)."""
import http.client, json, sys, time, statistics
port=int(sys.argv[1]); user=sys.argv[2]; path=sys.argv[3]; n=int(sys.argv[4])
c=http.client.HTTPConnection('127.0.0.1',port)
c.request('POST','/api/v1/auth/login',json.dumps({"email":user+"@demo.mooring.test","password":"mooring-demo"}),{"content-type":"application/json"})
tok=json.loads(c.getresponse().read())['token']
h={"Cookie":"mooring_session="+tok,"Accept":"text/html"}
def get():
    t=time.perf_counter(); c.request('GET',path,headers=h); r=c.getresponse(); b=r.read(); assert r.status==200,(r.status,b[:200]); return (time.perf_counter()-t)*1000
for _ in range(50): get()
xs=sorted(get() for _ in range(n))
print(f"{user} {path}: n={n} median {statistics.median(xs):.2f} ms p90 {xs[int(n*.9)]:.2f} ms")
