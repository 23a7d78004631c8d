-- wrk script: POST the patient-view request with full prefetch (the cauda equina patient of
-- examples/fhir/cauda-equina.json) to /cds-services/stenosis-patient-view.
local f = assert(io.open(os.getenv("STENOSIS_LOAD_BODY") or "patient-view-prefetch.json", "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.path = "/cds-services/stenosis-patient-view"

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  non-200 %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status))
end
