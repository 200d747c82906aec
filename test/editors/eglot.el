;;; eglot.el --- Marginalia inside real Emacs with eglot  -*- lexical-binding: t; -*-
;;
;;   emacs --batch -Q -l test/editors/eglot.el          (from the repository root)
;;
;; Tested with Debian's emacs-nox 28.2 and elpa-eglot 1.9.  Starts `node dist/cli.js lsp --stdio'
;; (override with MARGINALIA_CLI=path/to/cli.js) through eglot, opens document/paper.md, waits
;; (time-boxed) for diagnostics, then checks flymake diagnostics, hover on a cited key and the
;; document symbols.  Prints each check; exit code 0 = all passed, 1 = a check failed or an error,
;; 2 = the whole run hit its time limit.

(require 'cl-lib)
(require 'subr-x)

(defconst marginalia-test-wait
  (string-to-number (or (getenv "MARGINALIA_WAIT_SECONDS") "20"))
  "Seconds each wait may take.")
(defvar marginalia-test-checks 0)
(defvar marginalia-test-failures 0)

(defun marginalia-test-say (fmt &rest args)
  ;; stdout, unbuffered: `princ' is buffered in batch mode (lost if the run is killed) and
  ;; `message' goes to stderr.
  (send-string-to-terminal (concat (apply #'format fmt args) "\n")))

(defun marginalia-test-check (ok what &optional detail)
  (cl-incf marginalia-test-checks)
  (if ok
      (marginalia-test-say "  ok   %s" what)
    (cl-incf marginalia-test-failures)
    (marginalia-test-say "  FAIL %s%s" what (if detail (format "\n       %s" detail) "")))
  ok)

(defun marginalia-test-finish ()
  (marginalia-test-say "eglot: %d checks, %d failed" marginalia-test-checks marginalia-test-failures)
  (ignore-errors (let ((inhibit-message t)) (eglot-shutdown-all)))
  (kill-emacs (if (> marginalia-test-failures 0) 1 0)))

(defun marginalia-test-wait-for (pred &optional seconds)
  "Process events until PRED returns non-nil or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) (or seconds marginalia-test-wait)))
        value)
    (while (and (not (setq value (funcall pred)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

;; Hard limit for the whole run, in case something blocks without timing out.
(run-with-timer (* 3 marginalia-test-wait) nil
                (lambda ()
                  (marginalia-test-say "  FAIL the run exceeded %ss" (* 3 marginalia-test-wait))
                  (kill-emacs 2)))

;; --- The configuration under test (docs/editors.md shows the same) -----------------------------

;; With -Q, Debian's elpa-* packages are not activated: put their folders on load-path.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (when (file-directory-p dir) (add-to-list 'load-path dir)))

(defconst marginalia-test-root (expand-file-name default-directory))
(defconst marginalia-test-cli
  (expand-file-name (or (getenv "MARGINALIA_CLI") "dist/cli.js") marginalia-test-root))

(unless (require 'eglot nil t)
  (marginalia-test-say "  FAIL (require 'eglot): not installed (apt-get install elpa-eglot)")
  (kill-emacs 1))

;; Without markdown-mode (elpa-markdown-mode), .md files open in text-mode; manage both.
(unless (require 'markdown-mode nil t)
  (add-to-list 'auto-mode-alist '("\\.md\\'" . text-mode)))
(add-to-list 'eglot-server-programs
             `(((markdown-mode :language-id "markdown")
                (text-mode :language-id "markdown"))
               . ("node" ,marginalia-test-cli "lsp" "--stdio")))

;; ------------------------------------------------------------------------------------------------

(defun marginalia-test-lsp-diags ()
  "The LSP Diagnostic objects flymake holds for the current buffer."
  (delq nil (mapcar (lambda (d) (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)))
                    (flymake-diagnostics))))

(defun marginalia-test-uncited (diags)
  (cl-remove-if-not (lambda (d) (string-prefix-p "Uncited claim:" (or (plist-get d :message) "")))
                    diags))

(defun marginalia-test-symbols-by-name (symbols)
  (let ((table (make-hash-table :test 'equal)))
    (cl-labels ((walk (list)
                  (seq-doseq (s list)
                    (unless (gethash (plist-get s :name) table)
                      (puthash (plist-get s :name) s table))
                    (walk (or (plist-get s :children) [])))))
      (walk symbols))
    table))

(defun marginalia-test-main ()
  (let ((paper (expand-file-name "document/paper.md" marginalia-test-root)))
    (unless (marginalia-test-check (file-readable-p marginalia-test-cli)
                                   (format "server bundle exists: %s (run npm run build)"
                                           marginalia-test-cli))
      (marginalia-test-finish))
    (marginalia-test-say "emacs %s, %s: node %s lsp --stdio" emacs-version
                         (file-name-nondirectory
                          (directory-file-name (file-name-directory (locate-library "eglot"))))
                         marginalia-test-cli)
    (find-file paper)
    (marginalia-test-check (memq major-mode '(markdown-mode text-mode))
                           (format "paper.md opened in %s" major-mode))
    (marginalia-test-check (project-current) "the repository is a project (project-current)")
    ;; `eglot-ensure' only acts from `post-command-hook', which batch mode never runs.
    (let ((inhibit-message t))
      (apply #'eglot (eglot--guess-contact)))
    (let ((server (marginalia-test-wait-for
                   (lambda () (let ((s (eglot-current-server)))
                                (and s (jsonrpc-running-p s)
                                     (eglot--capabilities s) s))))))
      (unless (marginalia-test-check server "eglot connected and the server initialized")
        (marginalia-test-finish))
      (marginalia-test-check (bound-and-true-p eglot--managed-mode) "paper.md is managed by eglot")

      ;; Diagnostics: what flymake shows (falls back to eglot's own store if flymake has not
      ;; started its backend yet).
      (let* ((t0 (float-time))
             (got (marginalia-test-wait-for
                   (lambda () (>= (length (marginalia-test-uncited (marginalia-test-lsp-diags))) 5))))
             (flymake (flymake-diagnostics))
             (uncited (marginalia-test-uncited (marginalia-test-lsp-diags))))
        (marginalia-test-say "  flymake diagnostics after %d ms: %d in paper.md"
                             (round (* 1000 (- (float-time) t0))) (length flymake))
        (marginalia-test-check got (format "flymake holds >= 5 \"Uncited claim:\" diagnostics (got %d)"
                                           (length uncited))
                               (format "eglot's own store has %d" (length (bound-and-true-p eglot--diagnostics))))
        (when uncited
          (let ((first (cl-find-if (lambda (d) (string-match-p "Uncited claim" (flymake-diagnostic-text d)))
                                   flymake)))
            (when first
              (marginalia-test-say "  e.g. line %d: %s"
                                   (line-number-at-pos (flymake-diagnostic-beg first))
                                   (flymake-diagnostic-text first))
              (marginalia-test-check (eq (flymake-diagnostic-type first) 'eglot-warning)
                                     "flymake shows them as warnings")))
          (marginalia-test-check (cl-every (lambda (d) (eql (plist-get d :severity) 2)) uncited)
                                 "uncited-claim diagnostics have severity 2 (warning)")
          (marginalia-test-check (cl-every (lambda (d) (string-match-p "\\`Uncited claim:[ \t]*[^ \t]"
                                                                       (plist-get d :message)))
                                           uncited)
                                 "uncited-claim messages carry a reason")
          (marginalia-test-check (cl-every (lambda (d) (equal (plist-get d :source) "marginalia")) uncited)
                                 "uncited-claim diagnostics have source \"marginalia\"")
          (marginalia-test-check (cl-every (lambda (d) (equal (plist-get d :code) "uncited-claim")) uncited)
                                 "uncited-claim diagnostics have code \"uncited-claim\"")))

      ;; Hover on a cited key: point inside `@katz2012russia'; eglot converts point to an LSP
      ;; position (UTF-16 columns) itself.
      (goto-char (point-min))
      (when (marginalia-test-check (search-forward "@katz2012russia" nil t) "found @katz2012russia in paper.md")
        (goto-char (+ (match-beginning 0) 3))
        (let* ((params (eglot--TextDocumentPositionParams))
               (hover (condition-case err
                          (jsonrpc-request server :textDocument/hover params
                                           :timeout marginalia-test-wait)
                        (error (marginalia-test-say "  hover error: %S" err) nil)))
               (contents (plist-get hover :contents))
               ;; the same rendering eglot's eldoc function uses
               (text (if contents (substring-no-properties (eglot--hover-info contents)) "")))
          (marginalia-test-say "  hover at line %d, character %d"
                               (plist-get (plist-get params :position) :line)
                               (plist-get (plist-get params :position) :character))
          (marginalia-test-check (not (string-empty-p text)) "hover returned contents")
          (marginalia-test-say "  hover: %s" (truncate-string-to-width
                                              (replace-regexp-in-string "\n" " | " text) 300))
          (marginalia-test-check (string-match-p "Katz" text) "hover names the author (Katz)")
          (marginalia-test-check (string-match-p (regexp-quote "(2012)") text)
                                 "hover has the year in parentheses (2012)")
          (marginalia-test-check (string-match-p "Russia and Iran" text) "hover has the title (Russia and Iran)")
          (marginalia-test-check (string-match-p "Editorial citation" text) "hover says \"Editorial citation\"")))

      ;; Document symbols, as eglot's imenu backend requests them.
      (let* ((symbols (condition-case err
                          (jsonrpc-request server :textDocument/documentSymbol
                                           `(:textDocument ,(eglot--TextDocumentIdentifier))
                                           :timeout marginalia-test-wait)
                        (error (marginalia-test-say "  documentSymbol error: %S" err) nil)))
             (by-name (marginalia-test-symbols-by-name (or symbols []))))
        (marginalia-test-check (> (length symbols) 0) "documentSymbol returned symbols")
        (marginalia-test-say "  top-level symbols: %s"
                             (mapconcat (lambda (s) (plist-get s :name)) symbols ", "))
        (dolist (section '("1 Introduction" "2 Method and Theoretical Framework" "3 Discussion"
                           "4 Conclusion and Suggestions" "5 References"))
          (marginalia-test-check (gethash section by-name) (format "symbol \"%s\"" section)))
        (let ((cons (gethash "Consequences" by-name)))
          (when (marginalia-test-check cons "symbol \"Consequences\"")
            (dolist (cat '("Positive consequences" "Negative consequences"))
              (let* ((kid (seq-find (lambda (c) (equal (plist-get c :name) cat))
                                    (or (plist-get cons :children) [])))
                     (n (if kid (length (plist-get kid :children)) -1)))
                (marginalia-test-check (= n 5) (format "\"Consequences\" > \"%s\" has 5 children (got %d)"
                                                       cat n))))))
        ;; and eglot's own imenu index (what M-x imenu shows) is built from them
        (let ((index (ignore-errors (eglot-imenu))))
          (marginalia-test-check index "eglot-imenu builds an index from the symbols"))))
    (marginalia-test-finish)))

(condition-case err
    (marginalia-test-main)
  (error
   (marginalia-test-check nil "no Lisp error" (format "%S" err))
   (marginalia-test-finish)))

;;; eglot.el ends here
