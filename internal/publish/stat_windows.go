package publish

import (
	"io/fs"
	"unsafe"

	"golang.org/x/sys/windows"
)

// entry is what the verifier and the manifest need of a file's status.
type entry struct {
	dir, regular  bool
	size, modTime int64
	// cTime is NTFS's ChangeTime, which, like a Unix status change time,
	// moves with every change to the file's data or attributes, a
	// modification time put back included. Unlike Unix, Windows lets a
	// program set it too (SetFileInformationByHandle), which editors and
	// sync tools do not do. File systems without one (FAT, exFAT) answer
	// 0, and then only the size and modification time prove a file
	// intact: a hand edit that keeps both goes unseen there unless the
	// build runs with --checksum.
	cTime int64
}

// fileBasicInfo and fileStandardInfo are Windows' FILE_BASIC_INFO and
// FILE_STANDARD_INFO, which golang.org/x/sys/windows does not declare.
type fileBasicInfo struct {
	CreationTime, LastAccessTime, LastWriteTime, ChangeTime int64 // 100 ns since 1601
	FileAttributes                                          uint32
	_                                                       uint32
}

type fileStandardInfo struct {
	AllocationSize, EndOfFile int64
	NumberOfLinks             uint32
	DeletePending, Directory  bool
	_                         uint16
}

// lstatPath reads the status of the file or folder at path, not following
// a symbolic link or junction. The listing of a folder (os.Lstat, os.ReadDir)
// holds no change time, so the file is opened for its attributes only,
// which neither a writer nor a rename waits for.
func lstatPath(path string) (entry, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return entry{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
	}
	h, err := windows.CreateFile(p, windows.FILE_READ_ATTRIBUTES,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_EXISTING, windows.FILE_FLAG_BACKUP_SEMANTICS|windows.FILE_FLAG_OPEN_REPARSE_POINT, 0)
	if err != nil {
		return entry{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
	}
	defer windows.CloseHandle(h)
	var basic fileBasicInfo
	var std fileStandardInfo
	if err := windows.GetFileInformationByHandleEx(h, windows.FileBasicInfo, (*byte)(unsafe.Pointer(&basic)), uint32(unsafe.Sizeof(basic))); err != nil {
		return entry{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
	}
	if err := windows.GetFileInformationByHandleEx(h, windows.FileStandardInfo, (*byte)(unsafe.Pointer(&std)), uint32(unsafe.Sizeof(std))); err != nil {
		return entry{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
	}
	reparse := basic.FileAttributes&windows.FILE_ATTRIBUTE_REPARSE_POINT != 0
	return entry{
		dir:     std.Directory && !reparse,
		regular: !std.Directory && !reparse,
		size:    std.EndOfFile,
		modTime: unixNano(basic.LastWriteTime),
		cTime:   unixNano(basic.ChangeTime),
	}, nil
}

// unixNano converts a Windows time (100 ns since 1601) to nanoseconds
// since 1970, as os.FileInfo's ModTime does; 0 stays 0 (no such time).
func unixNano(t int64) int64 {
	if t == 0 {
		return 0
	}
	ft := windows.Filetime{LowDateTime: uint32(t), HighDateTime: uint32(t >> 32)}
	return ft.Nanoseconds()
}
