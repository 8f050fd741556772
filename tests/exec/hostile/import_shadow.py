# expect: denied
# importStep reads in C: pointed at /etc/shadow.
import cadquery as cq
result = cq.importers.importStep("/etc/shadow")
