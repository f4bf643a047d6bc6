// zlib, for inflating the one document a DOCX reader needs (FlagAuditIngest.ZipArchive).
#include <zlib.h>
