/// The desk API's OpenAPI document, served at `/openapi.yaml`; `docs/openapi.yaml` is the same
/// text (a test holds them equal), so the binary serves its own contract without a checkout.
public enum DeskAPI {
    public static let openAPI = #"""
openapi: 3.1.0
info:
  title: FlagAudit desk API
  version: 1.0.0
  description: >-
    The JSON API of `flagaudit serve`, on the same origin as the desk's page. It screens a raw
    text or file as `flagaudit screen --format json` does, checks an entry as `flagaudit check
    --format json` does, and lists the rules. Bodies larger than the server's limit (16 MB by
    default, `--max-request-mb`) get 413; when the desk is busy beyond its queue, 503. A desk
    bound to loopback answers only requests addressed to a loopback name (127.0.0.1, localhost,
    [::1]); any other `Host` gets 421, so a web page cannot reach it through a name of its own.
  license:
    name: MIT
servers:
  - url: http://127.0.0.1:8080
paths:
  /api/screen:
    post:
      summary: Screen a text or a file (text, PDF, DOCX, HTML); always screened, even text that looks like an entry
      parameters:
        - name: name
          in: query
          description: The file name of a raw body (its extension picks HTML; PDF and DOCX are recognised by their bytes).
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [text]
              properties:
                text: {type: string}
                name: {type: string}
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary}
                text: {type: string}
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [text]
              properties:
                text: {type: string}
          application/octet-stream:
            schema: {type: string, format: binary}
          text/plain:
            schema: {type: string}
      responses:
        "200":
          description: The screened study, as one study of `screen --format json`, with the draft entry.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ScreenedStudy"}
        "400": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "422":
          description: The input could not be read (binary, damaged, not UTF-8); its findings say why.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ScreenedStudy"}
        "503": {$ref: "#/components/responses/Error"}
  /api/check:
    post:
      summary: Check an entry (YAML) with the server's rule pack
      parameters:
        - name: name
          in: query
          description: The entry's file name, shown in findings.
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/yaml:
            schema: {type: string}
          text/plain:
            schema: {type: string}
      responses:
        "200":
          description: The entry's audit, as one study of `check --format json`.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Study"}
        "400": {$ref: "#/components/responses/Error"}
        "413": {$ref: "#/components/responses/Error"}
        "503": {$ref: "#/components/responses/Error"}
  /api/rules:
    get:
      summary: The rules the server checks with
      responses:
        "200":
          description: The pack and its rules.
          content:
            application/json:
              schema:
                type: object
                required: [pack, rules]
                properties:
                  pack:
                    type: object
                    properties:
                      name: {type: string}
                      version: {type: [string, "null"]}
                  rules:
                    type: array
                    items:
                      type: object
                      required: [id, severity, summary, why]
                      properties:
                        id: {type: string}
                        severity: {type: string, enum: [error, warning, info]}
                        flag: {type: [string, "null"]}
                        summary: {type: string}
                        why: {type: string}
  /healthz:
    get:
      summary: Whether the server is up
      responses:
        "200":
          description: Up.
          content:
            application/json:
              schema:
                type: object
                properties:
                  status: {type: string, const: ok}
components:
  responses:
    Error:
      description: What was wrong with the request.
      content:
        application/json:
          schema:
            type: object
            required: [error]
            properties:
              error: {type: string}
  schemas:
    Finding:
      type: object
      required: [rule, severity, message, line, column]
      properties:
        rule: {type: string}
        severity: {type: string, enum: [error, warning, info]}
        flag: {type: [string, "null"]}
        message: {type: string}
        field: {type: [string, "null"]}
        line: {type: integer}
        column: {type: integer}
        excerpt: {type: [string, "null"]}
        why: {type: [string, "null"]}
        page: {type: integer, description: For PDFs, the page the line is on.}
        page_line: {type: integer, description: For PDFs, the line on that page.}
    Study:
      type: object
      required: [path, findings, suggested_flags]
      properties:
        id: {type: [string, "null"]}
        path: {type: string}
        declared_flags: {type: array, items: {type: string}}
        suggested_flags: {type: array, items: {type: string}}
        missing_flags: {type: array, items: {type: string}}
        unsupported_flags: {type: array, items: {type: string}}
        findings: {type: array, items: {$ref: "#/components/schemas/Finding"}}
    ScreenedStudy:
      allOf:
        - $ref: "#/components/schemas/Study"
        - type: object
          required: [extracted, input, cannot_judge]
          properties:
            extracted:
              type: object
              description: What was read (docs/cli.md, `extracted`), with the sentence each value came from under `evidence`.
            input:
              description: What the text was read from; null when it could not be read (its findings say why).
              oneOf:
                - type: "null"
                - type: object
                  required: [format, pages]
                  properties:
                    format: {type: string, enum: [text, pdf, docx, html]}
                    pages: {type: integer, description: For PDFs, the number of pages; else 0.}
            cannot_judge:
              description: Set when the text cannot be judged (not English, too short, empty, no methods); then no flag built on unseen evidence is suggested.
              oneOf:
                - type: "null"
                - type: object
                  required: [reason, message]
                  properties:
                    reason: {type: string, enum: [empty, too-short, not-english, no-methods]}
                    message: {type: string}
            draft_entry: {type: string, description: The draft entry `screen --emit-entry` would write.}
"""#
}
